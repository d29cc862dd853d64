/**
 * Machine output: {"files":[{"path","kind","findings":[{rule,severity,line,column,message,fix}]}]};
 * a file that could not be checked has "error":{message,fix} and no findings.
 */
import type { Report } from "../types.js";

type WithFixed = Report & { fixed?: Array<{ path: string; backup: string }> };

export function formatJson(report: WithFixed): string {
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
          ...(f.error ? { error: f.error } : {}),
          ...(f.catalinaBase ? { catalinaBase: f.catalinaBase } : {}),
          ...(f.diff ? { diff: f.diff } : {}),
        })),
        summary: {
          errors: report.errorCount,
          warnings: report.warningCount,
          info: report.infoCount,
          notChecked: report.unreadableCount,
        },
        ...(report.fixed?.length ? { fixed: report.fixed } : {}),
      },
      null,
      2,
    ) + "\n"
  );
}
