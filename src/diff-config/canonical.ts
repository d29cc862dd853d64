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
import { loadFromBytes } from "./load.js";
import { knownManagers } from "./rules/helpers.js";
import type { DiffResult, LoadedFile } from "./types.js";

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

let known: LoadedFile[] | undefined;
/** Every known-good file, loaded once. */
function knownGood(): LoadedFile[] {
  known ??= walk(CANONICAL_DIR)
    .filter((p) => !p.endsWith(".md"))
    .sort()
    .map((p) => loadFromBytes(p, readFileSync(p)));
  return known;
}

const changed = (d: DiffResult) => d.lines.filter((l) => l.op === "+" || l.op === "-").length;

/** The diff against the closest known-good file of the same kind, or undefined when there is none. */
export function diffWithKnownGood(file: LoadedFile): DiffResult | undefined {
  const sameKind = knownGood().filter((k) => k.kind === file.kind);
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
