/** SARIF 2.1.0 for code-scanning tools (GitHub code scanning and the like). */
import { relative, sep } from "node:path";
import type { Report, Rule, Severity } from "../types.js";

const LEVEL: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

export function formatSarif(report: Report, rules: readonly Rule[], version: string): string {
  const used = new Set(report.files.flatMap((f) => f.findings.map((x) => x.rule)));
  const driverRules = rules.filter((r) => used.has(r.meta.id));
  const index = new Map(driverRules.map((r, i) => [r.meta.id, i]));
  const uri = (p: string) => encodeURI(relative(process.cwd(), p).split(sep).join("/"));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "sessionlab diff-config",
            version,
            rules: driverRules.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.description },
              fullDescription: { text: r.meta.why },
              help: { text: `${r.meta.fix}\nExample: ${r.meta.example}` },
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.unreadableCount === 0,
            toolExecutionNotifications: report.files
              .filter((f) => f.error)
              .map((f) => ({
                level: "error",
                message: { text: `${f.error?.message} Fix: ${f.error?.fix}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.path) } } }],
              })),
          },
        ],
        results: report.files.flatMap((f) =>
          f.findings.map((x) => ({
            ruleId: x.rule,
            ruleIndex: index.get(x.rule),
            level: LEVEL[x.severity],
            message: { text: `${x.message} Fix: ${x.fix}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(f.path) },
                  region: { startLine: x.line, startColumn: x.column },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
