/** Checks of the failover scenarios: pure functions of what the probes and failover steps saw. */
import { type CheckResult, describeObservation as describe, firstOf, result } from "./checks.js";
import type { FailoverObservation } from "./failover.js";
import type { Observation } from "./page.js";
import { parseSessionId, suffixOf } from "./session-id.js";

/** Sticky routing: every answer comes from the Tomcat the session id's .jvmRoute names. */
export function checkSticky(obs: Observation[]): CheckResult {
  const withRoute = obs.filter((o) => o.node && o.sessionId);
  const off = withRoute.filter((o) => parseSessionId(o.sessionId!).route !== o.node);
  const nodes = [...new Set(withRoute.map((o) => o.node))];
  if (!withRoute.length) return result("sticky", "fail", "no answer named both its Tomcat and a session");
  if (!off.length)
    return result(
      "sticky",
      "pass",
      `all ${withRoute.length} requests served by ${nodes.join(", ")}, the route in the session id`,
    );
  return result(
    "sticky",
    "fail",
    `${off.length} of ${withRoute.length} requests served by another Tomcat than the session's route`,
    firstOf(off.map((o) => `#${o.index} served by ${o.node}, session ${o.sessionId}`)),
  );
}

/** A failover step: the same session, its counter carried on, served elsewhere; what changed in its id. */
export function checkFailover(f: FailoverObservation | undefined): CheckResult {
  const id = f?.what === "store" ? "store-failover" : "tomcat-failover";
  if (!f) return result(id, "skip", "not run");
  if (f.skipped || !f.before || !f.stopped)
    return result(id, "skip", `not run: ${f.skipped ?? "nothing to stop"}`);
  const before = f.before;
  const base = parseSessionId(before.sessionId!).base;
  const failed = f.after.filter((o) => o.error);
  const ok = f.after.filter((o) => !o.error);
  const evidence = [
    `${f.how === "kill" ? "killed" : "stopped"} ${f.stopped.node} (${f.stopped.container}) after #${before.index} ${before.sessionId} counter=${before.counter}`,
    ...f.after.map(describe),
  ];
  if (!f.restarted)
    evidence.push(
      `could not put ${f.stopped.node} back: ${f.restartError}; fix: \`docker start ${f.stopped.container}\` or \`sessionlab up\` again`,
    );
  const problems: string[] = [];
  let expected = (before.counter ?? 0) + 1;
  // A request whose answer never came may still have reached a Tomcat and counted, then or later
  // (it may finish after the next one): each one allows the counter one extra step, once.
  let unanswered = 0;
  for (const o of f.after) {
    if (o.error) {
      unanswered++;
      continue;
    }
    const counted = o.counter !== undefined && o.counter >= expected && o.counter <= expected + unanswered;
    if (!o.sessionId || parseSessionId(o.sessionId).base !== base)
      problems.push(`#${o.index}: session ${o.sessionId ?? "none"}, was ${base}: the session was lost`);
    else if (!counted)
      problems.push(
        `#${o.index}: counter ${o.counter}, expected ${expected}${unanswered ? `…${expected + unanswered} (${unanswered} unanswered before)` : ""}`,
      );
    if (f.what !== "store" && o.node === f.stopped.node)
      problems.push(`#${o.index} was served by the stopped ${o.node}`);
    if (counted) unanswered -= o.counter! - expected;
    expected = (o.counter ?? expected) + 1;
  }
  if (!ok.length)
    problems.push(`none of ${f.after.length} requests was answered while ${f.stopped.node} was down`);
  if (!f.restarted) problems.push(`${f.stopped.node} did not come back`);
  const last = ok.at(-1);
  const moved = last?.sessionId
    ? `${suffixOf(parseSessionId(before.sessionId!))} → ${suffixOf(parseSessionId(last.sessionId))}`
    : "";
  const served = [...new Set(ok.map((o) => o.node))].join(", ");
  if (problems.length) {
    // The first problem, then what the other Tomcats logged meanwhile: often the reason. The Tomcat
    // that answered the first lost request speaks first.
    const lostOn = f.after.find(
      (o) => !o.error && (!o.sessionId || parseSessionId(o.sessionId).base !== base),
    )?.node;
    const logged = [...(f.logged ?? [])]
      .sort((a, b) => Number(b.node === lostOn) - Number(a.node === lostOn))
      .slice(0, 3)
      .map((l) => `${l.node} logged: ${l.line}`);
    return result(
      id,
      "fail",
      problems[0]!,
      firstOf([problems[0]!, ...logged, ...problems.slice(1), ...evidence], 12),
    );
  }
  const recover =
    f.secondsToRecover !== undefined ? `, served again after ${f.secondsToRecover.toFixed(1)} s` : "";
  return result(
    id,
    "pass",
    `session ${base} carried on by ${served} (counter ${before.counter} → ${last!.counter}), suffix ${moved}; ` +
      `${failed.length} of ${f.after.length} requests failed${recover}; ${f.stopped.node} restarted`,
    evidence,
  );
}

/** A cluster member stopped by the failover step holds the session again once it is back. */
export function checkRejoin(f: FailoverObservation | undefined): CheckResult {
  if (!f || f.skipped || !f.stopped)
    return result("rejoin", "skip", `not run: ${f?.skipped ?? "no member was stopped"}`);
  if (!f.restarted) return result("rejoin", "fail", `${f.stopped.node} did not come back: ${f.restartError}`);
  const r = f.rejoin;
  if (!r || r.error) return result("rejoin", "fail", r?.error ?? `${f.stopped.node} was not asked`);
  const transfer =
    r.transferMs !== undefined ? `; state transfer ${r.transferMs} ms (DeltaManager's log)` : "";
  return result(
    "rejoin",
    "pass",
    `${f.stopped.node} holds the session again (as ${r.role}) ${r.seconds!.toFixed(1)} s after it was started${transfer}`,
  );
}
