import { color, formatTable } from "../core/output.js";
import type { DrillReport, DrillResult } from "./run.js";

const MARK: Record<string, string> = {
  kept: color.green("KEPT"),
  "as designed": color.yellow("LOSS AS DESIGNED"),
  "broken promise": color.red("BROKEN PROMISE"),
};

function numbers(r: DrillResult): string {
  const m = r.measure;
  if (!m) return r.notApplicable ?? "";
  const parts = [
    `${m.requestsFailed}/${m.requests} requests failed`,
    `${m.sessionsLost} sessions lost`,
    ...(m.updatesLost !== undefined ? [`${m.updatesLost} updates lost`] : []),
    ...(r.scenario === "concurrency"
      ? []
      : [`all clients served again after ${m.secondsToServeAll.toFixed(1)} s`]),
    ...(m.medianMs ? [`median ${m.medianMs.before} ms, ${m.medianMs.during} ms with the fault`] : []),
  ];
  return parts.join(", ");
}

/** The human report: one row per drill, then the evidence of each loss (and the timeline with --verbose). */
export function formatDrillReport(report: DrillReport, verbose = false): string {
  const out: string[] = [`drill lab ${report.lab}${report.strict ? " (--strict: any loss fails)" : ""}`, ""];
  out.push(
    formatTable(
      ["", "DRILL", "PROMISE", "RESULT"],
      report.results.map((r) => [
        r.verdict ? MARK[r.verdict]! : color.dim("N/A"),
        r.scenario,
        r.notApplicable ? "-" : r.promise === "keeps" ? "keeps sessions" : "loses by design",
        numbers(r),
      ]),
    ),
  );
  for (const r of report.results) {
    const m = r.measure;
    if (!m || (!verbose && r.verdict === "kept" && !m.requestsFailed)) continue;
    out.push(
      "",
      `${r.verdict ? MARK[r.verdict] : ""} ${color.bold(r.scenario)}${r.target ? ` (fault on ${r.target})` : ""}`,
    );
    for (const e of m.evidence) out.push(`  ${e}`);
    if (verbose && r.timeline) {
      out.push(
        formatTable(
          ["T(s)", "CLIENT", "#", "NODE", "SESSION", "COUNTER", "OUTCOME"],
          r.timeline.map((e) => [
            (e.t / 1000).toFixed(2),
            String(e.client),
            String(e.n),
            e.node ?? "?",
            e.sessionId ?? "-",
            e.counter === undefined ? "-" : String(e.counter),
            e.outcome === "ok" ? "ok" : (e.error ?? "error"),
          ]),
        ),
      );
    }
  }
  const broken = report.results.filter((r) => r.verdict === "broken promise");
  const lossy = report.results.filter(
    (r) => (r.measure?.sessionsLost ?? 0) + (r.measure?.updatesLost ?? 0) > 0,
  );
  out.push(
    "",
    report.ok
      ? color.green(`✔ no broken promise`) +
          (lossy.length ? ` (losses by design: ${lossy.map((r) => r.scenario).join(", ")})` : "")
      : color.red(
          `✖ ${broken.length ? `broken promise: ${broken.map((r) => r.scenario).join(", ")}` : `losses (--strict): ${lossy.map((r) => r.scenario).join(", ")}`}`,
        ),
  );
  return out.join("\n") + "\n";
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JUnit XML: one test case per drill, a failure for a broken promise (or any loss with --strict). */
export function formatJunit(report: DrillReport): string {
  const cases = report.results.map((r) => {
    const lost = (r.measure?.sessionsLost ?? 0) + (r.measure?.updatesLost ?? 0) > 0;
    const failed = r.verdict === "broken promise" || (report.strict && lost);
    const body = r.notApplicable
      ? `<skipped message="${esc(r.notApplicable)}"/>`
      : failed
        ? `<failure message="${esc(`${r.verdict}: ${numbers(r)}`)}">${esc(r.measure!.evidence.join("\n"))}</failure>`
        : "";
    return `    <testcase classname="sessionlab.drill.${esc(report.lab)}" name="${esc(r.scenario)}" time="${r.seconds.toFixed(3)}">${body}</testcase>`;
  });
  const failures = report.results.filter(
    (r) =>
      r.verdict === "broken promise" ||
      (report.strict && (r.measure?.sessionsLost ?? 0) + (r.measure?.updatesLost ?? 0) > 0),
  ).length;
  const skipped = report.results.filter((r) => r.notApplicable).length;
  const time = report.results.reduce((t, r) => t + r.seconds, 0);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites>`,
    `  <testsuite name="sessionlab drill ${esc(report.lab)}" tests="${report.results.length}" failures="${failures}" skipped="${skipped}" time="${time.toFixed(3)}">`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}
