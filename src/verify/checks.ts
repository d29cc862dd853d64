import type { Observation, PageKind } from "./page.js";
import { parseSessionId, suffixOf } from "./session-id.js";

export type CheckId =
  | "sticky"
  | "tomcat-failover"
  | "store-failover"
  | "containers"
  | "both-nodes"
  | "one-session"
  | "counter"
  | "in-store"
  | "parallel"
  | "replicated"
  | "membership"
  | "rejoin";
export type CheckStatus = "pass" | "fail" | "skip";

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** one line: the verdict with its key numbers */
  summary: string;
  /** the observations behind the verdict */
  evidence: string[];
}

const TITLES: Record<CheckId, string> = {
  containers: "lab containers running",
  "both-nodes": "all Tomcats served",
  "one-session": "one session throughout",
  counter: "session counter +1 per request",
  "in-store": "session is in the store",
  parallel: "parallel clients stay apart",
  sticky: "requests stay on the session's Tomcat",
  "tomcat-failover": "session survives its Tomcat stopping",
  "store-failover": "session survives its memcached node stopping",
  replicated: "session is on the cluster's members",
  membership: "every member sees the others",
  rejoin: "a restarted member gets the session again",
};

/** "a", "a and b", "a, b and c" */
export function joinAnd(xs: string[]): string {
  return xs.length <= 2 ? xs.join(" and ") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;
}

/** Keeps evidence readable: the first few lines, then a count of the rest. */
export function firstOf(lines: string[], n = 8): string[] {
  return lines.length <= n ? lines : [...lines.slice(0, n), `… and ${lines.length - n} more`];
}

export function result(
  id: CheckId,
  status: CheckStatus,
  summary: string,
  evidence: string[] = [],
): CheckResult {
  return { id, title: TITLES[id], status, summary, evidence };
}

const describe = (o: Observation) =>
  o.error
    ? `#${o.index} → ${o.error}`
    : `#${o.index} ${o.node ?? "?"} ${o.sessionId ?? o.setCookie ?? "-"}${o.counter !== undefined ? ` counter=${o.counter}` : ""}`;

/** (1) The serving identity printed by the page changed: the load balancer really used both. */
export function checkBothNodes(obs: Observation[], expected?: readonly string[]): CheckResult {
  const counts = new Map<string, number>();
  for (const o of obs) if (o.node) counts.set(o.node, (counts.get(o.node) ?? 0) + 1);
  const evidence = [...counts].map(([n, c]) => `${n} served ${c} of ${obs.length} requests`);
  const unnamed = obs.filter((o) => !o.node).length;
  if (unnamed)
    evidence.push(`${unnamed} responses named no node (e.g. ${describe(obs.find((o) => !o.node)!)})`);
  const missing = (expected ?? []).filter((n) => !counts.has(n));
  if (counts.size >= 2 && !missing.length) {
    return result(
      "both-nodes",
      "pass",
      `${counts.size === 2 ? "both" : expected?.length ? `all ${counts.size}` : counts.size} Tomcats served: ${[...counts.keys()].join(", ")}`,
      evidence,
    );
  }
  const why = missing.length
    ? `${missing.join(", ")} never served`
    : `only ${[...counts.keys()].join(", ") || "no node"} served`;
  return result("both-nodes", "fail", why, evidence);
}

/**
 * (2) One session id across every request, compared on the base id; a change of msm node
 * or jvmRoute suffix is reported, not counted as a new session.
 */
export function checkOneSession(obs: Observation[]): CheckResult {
  const ids = obs.filter((o) => o.sessionId).map((o) => ({ o, id: parseSessionId(o.sessionId!) }));
  if (!ids.length)
    return result("one-session", "fail", "no response carried a session id", obs.slice(0, 3).map(describe));
  const first = ids[0]!;
  const bases = new Set(ids.map((x) => x.id.base));
  const evidence: string[] = [];
  let prev = first;
  for (const cur of ids.slice(1)) {
    if (cur.id.base !== prev.id.base) {
      evidence.push(
        `#${cur.o.index} on ${cur.o.node ?? "?"}: new session ${cur.id.raw} (was ${prev.id.raw})`,
      );
    } else if (suffixOf(cur.id) !== suffixOf(prev.id)) {
      evidence.push(
        `#${cur.o.index} on ${cur.o.node ?? "?"}: suffix ${suffixOf(prev.id) || "(none)"} → ${suffixOf(cur.id) || "(none)"}, base unchanged`,
      );
    }
    prev = cur;
  }
  if (bases.size === 1) {
    const nodes = new Set(ids.map((x) => x.o.node).filter(Boolean));
    const suffixes = new Set(ids.map((x) => suffixOf(x.id)));
    const suffixNote =
      suffixes.size === 1
        ? `suffix ${suffixOf(first.id) || "(none)"} unchanged on ${joinAnd([...nodes] as string[])}`
        : `suffix changed ${evidence.length} time(s)`;
    const route = first.id.route;
    const elsewhere = route ? ids.filter((x) => x.o.node && x.o.node !== route).length : 0;
    if (suffixes.size === 1 && elsewhere) {
      evidence.push(
        `the id keeps jvmRoute .${route} while other Tomcats served ${elsewhere} requests: the store, not the route, carries the session`,
      );
    }
    return result(
      "one-session",
      "pass",
      `base id ${first.id.base} kept for all ${ids.length} requests; ${suffixNote}`,
      firstOf(evidence, 4),
    );
  }
  return result(
    "one-session",
    "fail",
    `${bases.size} different sessions in ${ids.length} requests`,
    firstOf(evidence),
  );
}

/** (3) The counter kept in the session rises by exactly one per request, whichever node serves. */
export function checkCounter(obs: Observation[], page: PageKind = "probe"): CheckResult {
  const withCounter = obs.filter((o) => o.counter !== undefined);
  if (!withCounter.length && page !== "probe") {
    return result(
      "counter",
      "skip",
      "the page shows no session counter (classic index.jsp); the probe page has one",
    );
  }
  const evidence: string[] = [];
  let expected = 1;
  for (const o of obs) {
    if (o.error) {
      evidence.push(describe(o));
    } else if (o.counter !== expected) {
      evidence.push(
        `#${o.index} on ${o.node ?? "?"}: counter ${o.counter ?? "missing"}, expected ${expected}${
          o.counter === 1 ? " — the session was not found there, a new one started" : ""
        }`,
      );
    }
    expected = (o.counter ?? expected) + 1;
  }
  if (!evidence.length) {
    return result(
      "counter",
      "pass",
      `counter went 1 → ${withCounter.at(-1)!.counter} over ${obs.length} requests`,
      [`sequence: ${obs.map((o) => `${o.counter}@${o.node}`).join(" ")}`],
    );
  }
  return result(
    "counter",
    "fail",
    `${evidence.length} of ${obs.length} requests broke the sequence`,
    firstOf(evidence),
  );
}

/** (5) Several users at once each keep their own session and counter, none sees another's. */
export function checkParallel(clients: Observation[][]): CheckResult {
  const evidence: string[] = [];
  const owner = new Map<string, number>();
  clients.forEach((obs, c) => {
    const bases = new Set(obs.filter((o) => o.sessionId).map((o) => parseSessionId(o.sessionId!).base));
    if (bases.size !== 1) evidence.push(`client ${c + 1}: ${bases.size} sessions in ${obs.length} requests`);
    for (const b of bases) {
      const other = owner.get(b);
      if (other !== undefined && other !== c)
        evidence.push(`clients ${other + 1} and ${c + 1} share session ${b}`);
      owner.set(b, c);
    }
    obs.forEach((o, i) => {
      if (o.counter !== undefined && o.counter !== i + 1) {
        evidence.push(
          `client ${c + 1} #${i + 1} on ${o.node ?? "?"}: counter ${o.counter}, expected ${i + 1}`,
        );
      }
      if (o.error) evidence.push(`client ${c + 1} ${describe(o)}`);
    });
  });
  const total = clients.reduce((n, o) => n + o.length, 0);
  if (!evidence.length) {
    return result(
      "parallel",
      "pass",
      `${clients.length} clients kept ${owner.size} distinct sessions over ${total} requests`,
    );
  }
  return result(
    "parallel",
    "fail",
    `${evidence.length} problems across ${clients.length} clients`,
    firstOf(evidence),
  );
}

export { describe as describeObservation };
