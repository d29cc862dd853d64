/**
 * --fix: applies only the edits of fixable rules (invisible characters, typographic quotes,
 * whitespace inside values) and drops a BOM, after copying the original to FILE.bak. A file with
 * undecodable bytes is never rewritten: re-encoding it would lose them.
 */
import { constants, existsSync } from "node:fs";
import { copyFile, writeFile } from "node:fs/promises";
import type { Edit, Finding, LoadedFile } from "./types.js";

/** The fixed text, or undefined when nothing safe is to be done. */
export function fixedText(file: LoadedFile, findings: Finding[]): string | undefined {
  // Undecodable bytes would be lost, and re-encoding UTF-16 could contradict its XML declaration.
  if (file.invalidBytes.length > 0 || file.encoding !== "utf-8") return undefined;
  const edits = findings
    .flatMap((f) => (f.edit ? [f.edit] : []))
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const kept: Edit[] = [];
  for (const e of edits) {
    const prev = kept[kept.length - 1];
    // Overlapping edits (a NO-BREAK SPACE at the end of a value also trimmed as whitespace): first wins.
    if (prev && e.offset < prev.offset + prev.length) continue;
    if (prev && e.offset === prev.offset && e.length === 0 && prev.length === 0) continue;
    kept.push(e);
  }
  if (kept.length === 0 && !file.hasBom) return undefined;
  let out = "";
  let pos = 0;
  for (const e of kept) {
    out += file.text.slice(pos, e.offset) + e.text;
    pos = e.offset + e.length;
  }
  return out + file.text.slice(pos);
}

/** FILE.bak, or FILE.bak.N when an earlier run's backup (the true original) is already there. */
function backupPath(path: string): string {
  let candidate = `${path}.bak`;
  for (let n = 1; existsSync(candidate); n++) candidate = `${path}.bak.${n}`;
  return candidate;
}

/** Writes the backup, then the fixed file; returns the backup's path, or undefined if nothing was safe to fix. */
export async function applyFixes(file: LoadedFile, findings: Finding[]): Promise<string | undefined> {
  const text = fixedText(file, findings);
  if (text === undefined) return undefined;
  const backup = backupPath(file.path);
  // COPYFILE_EXCL: never overwrite a backup, even if one appears between the check and the copy.
  await copyFile(file.path, backup, constants.COPYFILE_EXCL);
  await writeFile(file.path, text, "utf8");
  return backup;
}
