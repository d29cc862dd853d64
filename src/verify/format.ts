import { color, formatTable } from "../core/output.js";
import type { CheckStatus } from "./checks.js";
import { retriedSentence } from "./page.js";
import type { VerifyReport } from "./run.js";

const MARK: Record<CheckStatus, string> = {
  pass: color.green("PASS"),
  fail: color.red("FAIL"),
  skip: color.yellow("SKIP"),
};

/** The human verdict: a table of checks, then the evidence under each. */
export function formatVerifyReport(r: VerifyReport, verbose = false): string {
  const out: string[] = [];
  out.push(
    `verify ${color.cyan(r.target.url)}${r.target.lab ? ` (lab ${r.target.lab})` : ""} — ${r.target.page} page`,
  );
  out.push("");
  out.push(
    formatTable(
      ["", "CHECK", "RESULT"],
      r.checks.map((c) => [MARK[c.status], c.title, c.summary]),
    ),
  );
  const withEvidence = r.checks.filter(
    (c) =>
      c.evidence.length && (verbose || c.status !== "pass" || c.id === "in-store" || c.id === "one-session"),
  );
  for (const c of withEvidence) {
    out.push("", `${MARK[c.status]} ${color.bold(c.title)}`);
    for (const e of c.evidence) out.push(`  ${e}`);
  }
  if (verbose) {
    out.push("", color.bold("requests (main client)"));
    out.push(
      formatTable(
        ["#", "NODE", "HTTP", "SESSION", "COUNTER", "MS"],
        r.requests.map((o) => [
          String(o.index),
          o.node ?? "?",
          String(o.status || "-"),
          o.sessionId ?? "-",
          o.counter === undefined ? "-" : String(o.counter),
          o.ms.toFixed(0),
        ]),
      ),
    );
  }
  const retried = r.requests.filter((o) => o.retried);
  if (retried.length)
    out.push(
      "",
      color.dim(
        retriedSentence(retried.length, retried[0]!.retried!, `#${retried.map((o) => o.index).join(", #")}`),
      ),
    );
  const failed = r.checks.filter((c) => c.status === "fail");
  out.push(
    "",
    failed.length
      ? color.red(`✖ ${failed.length} check(s) failed: ${failed.map((c) => c.id).join(", ")}`) +
          ` (${r.seconds.toFixed(2)}s)`
      : color.green(`✔ the session is shared`) +
          ` (${r.requests.length} requests + parallel clients, ${r.seconds.toFixed(2)}s)`,
  );
  return out.join("\n") + "\n";
}
