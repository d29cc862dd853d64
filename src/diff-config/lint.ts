/** Runs every rule that applies to each file and collects findings with exact positions. */
import { RULES } from "./rules/index.js";
import type { CatalinaBase } from "./catalina-base.js";
import type { Finding, LoadedFile, Rule, Versions } from "./types.js";

export interface LintFileOptions {
  base?: CatalinaBase;
  versions?: Versions;
  rules?: readonly Rule[];
}

/**
 * The start tag a well-formedness error sits in, from the error on: what the lenient scanner reads
 * there (an attribute named `gif)$"` after a stray quote) is a guess, not what the user wrote.
 */
function brokenTag(file: LoadedFile): [number, number] | undefined {
  const error = file.xml?.error;
  if (!error) return undefined;
  const at = file.source.offset(error.line, Math.max(1, error.column));
  const tag = file.xml?.tags.find(([start, end]) => start <= at && at < end);
  return tag ? [at, tag[1]] : undefined;
}

export function lintFile(file: LoadedFile, files: LoadedFile[], opts: LintFileOptions = {}): Finding[] {
  const { base, versions = {}, rules = RULES } = opts;
  const findings: Finding[] = [];
  const broken = brokenTag(file);
  for (const rule of rules) {
    if (!rule.meta.kinds.includes(file.kind)) continue;
    rule.check({
      file,
      files,
      base,
      versions,
      report(r) {
        const offset = r.offset !== undefined ? Math.min(Math.max(r.offset, 0), file.text.length) : undefined;
        // Findings on text after the parse error in the same tag follow from the error: suppress them.
        if (broken && rule.meta.layer === "meaning" && offset !== undefined) {
          if (offset >= broken[0] && offset < broken[1]) return;
        }
        const pos =
          offset !== undefined ? file.source.position(offset) : { line: r.line ?? 1, column: r.column ?? 1 };
        findings.push({
          rule: rule.meta.id,
          severity: r.severity ?? rule.meta.severity,
          line: pos.line,
          column: pos.column,
          message: r.message,
          fix: r.fix ?? rule.meta.fix,
          ...(rule.meta.fixable && r.edit ? { edit: r.edit } : {}),
          ...(r.length && r.length > 1 ? { length: r.length } : {}),
        });
      },
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}
