/** Runs every rule that applies to each file and collects findings with exact positions. */
import { RULES } from "./rules/index.js";
import type { CatalinaBase } from "./catalina-base.js";
import type { Finding, LoadedFile, Rule } from "./types.js";

export function lintFile(
  file: LoadedFile,
  files: LoadedFile[],
  base?: CatalinaBase,
  rules: readonly Rule[] = RULES,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!rule.meta.kinds.includes(file.kind)) continue;
    rule.check({
      file,
      files,
      base,
      report(r) {
        const pos =
          r.offset !== undefined
            ? file.source.position(Math.min(Math.max(r.offset, 0), file.text.length))
            : { line: r.line ?? 1, column: r.column ?? 1 };
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
