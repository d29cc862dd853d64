import type AdmZip from "adm-zip";
import { createRequire } from "node:module";

// adm-zip (CommonJS) is required on first use: most runs, e.g. linting one file, never open a jar.
let Zip: typeof AdmZip | undefined;
const zip = () => (Zip ??= createRequire(import.meta.url)("adm-zip") as typeof AdmZip);

/**
 * Reading jars (zip files) in one place, through adm-zip. A jar that is not a readable zip yields
 * nothing rather than an exception: callers report what they looked for and did not find.
 */
function open(jar: string | Buffer): AdmZip | undefined {
  try {
    return new (zip())(jar);
  } catch {
    return undefined;
  }
}

export function jarEntryNames(jar: string | Buffer): string[] {
  return (
    open(jar)
      ?.getEntries()
      .map((e) => e.entryName) ?? []
  );
}

export function readJarEntry(jar: string | Buffer, name: string): Buffer | undefined {
  try {
    return open(jar)?.getEntry(name)?.getData() ?? undefined;
  } catch {
    return undefined;
  }
}
