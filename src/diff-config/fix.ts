/**
 * --fix: applies only the edits of fixable rules (invisible characters, typographic quotes,
 * whitespace inside values) and drops a BOM, after copying the original to FILE.bak. A file with
 * undecodable bytes is never rewritten: re-encoding it would lose them.
 */
import { copyFile, writeFile } from "node:fs/promises";
import type { Edit, Finding, LoadedFile } from "./types.js";

/** The fixed text, or undefined when nothing safe is to be done. */
export function fixedText(file: LoadedFile, findings: Finding[]): string | undefined {
  if (file.invalidBytes.length > 0) return undefined;
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

/** Writes FILE.bak, then the fixed file; returns whether the file changed. */
export async function applyFixes(file: LoadedFile, findings: Finding[]): Promise<boolean> {
  const text = fixedText(file, findings);
  if (text === undefined) return false;
  await copyFile(file.path, `${file.path}.bak`);
  await writeFile(file.path, text, "utf8");
  return true;
}
