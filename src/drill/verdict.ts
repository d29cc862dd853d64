/** What a drill cost the lab's users, from its timeline alone (pure, so tests need no engine). */
import { retriedSentence } from "../verify/page.js";
import { parseSessionId } from "../verify/session-id.js";
import type { TimelineEntry } from "./traffic.js";

export interface DrillMeasure {
  requests: number;
  requestsFailed: number;
  /** a client's session id changed, or its counter started over */
  sessionsLost: number;
  /** increments of the session counter that did not stick (concurrency) */
  updatesLost?: number;
  /** requests sent again on a new connection after a kept-alive one closed unanswered (nginx reload) */
  requestsRetried?: number;
  /** from the fault until every client had been answered again after its last failure */
  secondsToServeAll: number;
  /** median answer time before the fault and while it was in place */
  medianMs?: { before: number; during: number };
  evidence: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

export type Promise_ = "keeps" | "loses";
export type Verdict = "kept" | "as designed" | "broken promise";

const at = (e: TimelineEntry) => `${(e.t / 1000).toFixed(1)} s`;

export function measure(timeline: TimelineEntry[], faultAtMs: number, faultEndMs?: number): DrillMeasure {
  const evidence: string[] = [];
  let sessionsLost = 0;
  let slowest = 0;
  const clients = [...new Set(timeline.map((e) => e.client))].sort((a, b) => a - b);
  for (const c of clients) {
    const entries = timeline.filter((e) => e.client === c).sort((a, b) => a.n - b.n);
    let last: TimelineEntry | undefined;
    for (const e of entries) {
      if (e.outcome !== "ok" || !e.sessionId) continue;
      if (last?.sessionId) {
        const was = parseSessionId(last.sessionId).base;
        const now = parseSessionId(e.sessionId).base;
        if (now !== was) {
          sessionsLost++;
          evidence.push(
            `client ${c} #${e.n} at ${at(e)} on ${e.node ?? "?"}: new session ${now} (was ${was})`,
          );
        } else if (e.counter !== undefined && last.counter !== undefined && e.counter <= last.counter) {
          sessionsLost++;
          evidence.push(
            `client ${c} #${e.n} at ${at(e)} on ${e.node ?? "?"}: counter ${e.counter} after ${last.counter}, the session's data was lost`,
          );
        }
      }
      last = e;
    }
    const lastError = entries.filter((e) => e.outcome === "error" && e.t >= faultAtMs).at(-1);
    if (lastError) {
      const back = entries.find((e) => e.n > lastError.n && e.outcome === "ok");
      slowest = Math.max(slowest, (back?.t ?? lastError.t) - faultAtMs);
    }
  }
  // Keep the evidence readable: the first losses, then a count.
  if (evidence.length > 8)
    evidence.splice(8, evidence.length - 8, `… and ${evidence.length - 8} more lost sessions`);
  const failed = timeline.filter((e) => e.outcome === "error");
  for (const e of failed.slice(0, 5)) evidence.push(`client ${e.client} #${e.n} at ${at(e)}: ${e.error}`);
  if (failed.length > 5) evidence.push(`… and ${failed.length - 5} more failed requests`);
  const retried = timeline.filter((e) => e.retried);
  if (retried.length)
    evidence.push(
      `${retriedSentence(retried.length, retried[0]!.retried!)}; counted by how the second try went`,
    );
  return {
    requests: timeline.length,
    requestsFailed: failed.length,
    ...(retried.length ? { requestsRetried: retried.length } : {}),
    sessionsLost,
    secondsToServeAll: slowest / 1000,
    ...(faultEndMs !== undefined
      ? {
          medianMs: {
            before: median(timeline.filter((e) => e.t < faultAtMs).map((e) => e.ms)),
            during: median(timeline.filter((e) => e.t >= faultAtMs && e.t < faultEndMs).map((e) => e.ms)),
          },
        }
      : {}),
    evidence,
  };
}

/** Lost updates in one session: N parallel increments, and how far the counter really moved. */
export function lostUpdates(before: number, after: number, increments: number): number {
  return Math.max(0, increments - (after - before));
}

export function verdictOf(m: DrillMeasure, promise: Promise_): Verdict {
  const lost = m.sessionsLost + (m.updatesLost ?? 0);
  if (lost === 0) return "kept";
  return promise === "loses" ? "as designed" : "broken promise";
}
