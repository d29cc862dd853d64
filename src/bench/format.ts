import { formatTable } from "../core/output.js";
import { type BenchReport, human } from "./run.js";

/** The human report: per session size, the page without and with a session, and what sharing cost. */
export function formatBenchReport(r: BenchReport): string {
  const rows = r.rows.flatMap((row) => [
    [human(row.sessionBytes), "no session", ...cells(row.baseline), ""],
    ["", "session", ...cells(row.session), `${row.overheadPct.toFixed(1)} % (× ${row.ratio.toFixed(2)})`],
  ]);
  return [
    `bench lab ${r.lab} (${r.variant}) at ${r.url}: ${r.connections} virtual users, ${r.durationSeconds} s per session size, alternating`,
    "",
    formatTable(
      ["SESSION", "PAGE", "REQ/S", "P50 MS", "P90 MS", "P99 MS", "ERRORS", "COST OF SHARING"],
      rows,
    ),
    "",
  ].join("\n");
}

function cells(s: BenchReport["rows"][number]["baseline"]): string[] {
  return [String(s.rps), s.p50.toFixed(1), s.p90.toFixed(1), s.p99.toFixed(1), String(s.errors)];
}
