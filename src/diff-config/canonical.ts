/**
 * The known-good configs a file is compared with. They are rendered by the labs' own renderer
 * (src/labs/known-good.ts; `npm run gen:known-good`), one folder per lab variant. A file is compared
 * with the closest known-good file of its kind, so a fresh lab of any variant diffs to nothing and a
 * file from elsewhere is compared with the variant it most resembles (and the report says which).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { diffFiles } from "./diff.js";
import { detectKind, loadFromBytes, withExtensionHint } from "./load.js";
import { knownManagers } from "./rules/helpers.js";
import type { DiffResult, Kind, LoadedFile } from "./types.js";

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const CANONICAL_DIR = join(packageRoot(), "fixtures", "diff-config", "canonical");

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

let paths: string[] | undefined;
const guessed = new Map<string, Kind>();
const loaded = new Map<string, LoadedFile>();

/**
 * The known-good files of a kind, each parsed once and only when asked for: parsing all of them cost
 * more than linting the file itself. The kind their content shows picks them (an "xml" one may still
 * turn out a Context fragment, so it counts for context-xml); the parsed kind then decides.
 */
function knownGood(kind: Kind): LoadedFile[] {
  paths ??= walk(CANONICAL_DIR)
    .filter((p) => !p.endsWith(".md"))
    .sort();
  const could: Kind[] = kind === "context-xml" ? ["context-xml", "xml"] : [kind];
  const guess = (p: string) => {
    if (!guessed.has(p)) guessed.set(p, withExtensionHint(detectKind(readFileSync(p, "utf8")), p));
    return guessed.get(p)!;
  };
  const load = (p: string) => {
    if (!loaded.has(p)) loaded.set(p, loadFromBytes(p, readFileSync(p)));
    return loaded.get(p)!;
  };
  return paths
    .filter((p) => could.includes(guess(p)))
    .map(load)
    .filter((k) => k.kind === kind);
}

const changed = (d: DiffResult) => d.lines.filter((l) => l.op === "+" || l.op === "-").length;

/** The diff against the closest known-good file of the same kind, or undefined when there is none. */
export function diffWithKnownGood(file: LoadedFile): DiffResult | undefined {
  const sameKind = knownGood(file.kind);
  const sameName = sameKind.filter((k) => baseName(k.path) === baseName(file.path));
  // A context.xml is compared with the known-good configs of its own session manager.
  const flavor = (f: LoadedFile) =>
    f.kind === "context-xml" ? (knownManagers(f)[0]?.cls.flavor ?? "none") : "";
  const sameManager = sameKind.filter((k) => flavor(k) === flavor(file));
  const pool = sameManager.length ? sameManager : sameName.length ? sameName : sameKind;
  let best: DiffResult | undefined;
  let bestCount = Infinity;
  for (const k of pool) {
    const d: DiffResult = { against: k.path, lines: diffFiles(k, file) };
    const n = changed(d);
    if (n < bestCount) {
      best = d;
      bestCount = n;
    }
    if (n === 0) break;
  }
  if (!best) return undefined;
  const variant = relative(CANONICAL_DIR, dirname(best.against));
  best.why =
    pool.length === 1
      ? `the known-good ${variant} config`
      : `closest of ${pool.length} known-good ${file.kind} files: ${variant}, ${bestCount} changed line${bestCount === 1 ? "" : "s"}`;
  return best;
}

/** context.xml, server.xml, nginx.conf…: the file's own name, so a server.xml is compared with server.xml files. */
function baseName(p: string): string {
  return p.split(/[/\\]/).at(-1)!.toLowerCase();
}
