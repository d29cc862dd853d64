/** Machine output: {"files":[{"path","kind","findings":[{rule,severity,line,column,message,fix}]}]}. */
import type { Report } from "../types.js";

export function formatJson(report: Report): string {
  return (
    JSON.stringify(
      {
        files: report.files.map((f) => ({
          path: f.path,
          kind: f.kind,
          findings: f.findings.map(({ rule, severity, line, column, message, fix }) => ({
            rule,
            severity,
            line,
            column,
            message,
            fix,
          })),
          ...(f.catalinaBase ? { catalinaBase: f.catalinaBase } : {}),
          ...(f.diff ? { diff: f.diff } : {}),
        })),
        summary: { errors: report.errorCount, warnings: report.warningCount, info: report.infoCount },
      },
      null,
      2,
    ) + "\n"
  );
}
