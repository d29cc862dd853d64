import { SessionlabError } from "../core/errors.js";
import { KINDS } from "../kinds/index.js";
import { type LabDefinition, listLabNamesSync, loadLab } from "../labs/definition.js";
import { LabPaths } from "../labs/lab-paths.js";
import type { LabInstance } from "../orchestrator/discover.js";
import { roleOf, storeNodesOf } from "../orchestrator/discover.js";
import { LABEL_MANAGER, LABEL_TOPOLOGY } from "../runtime/labels.js";
import type { Runtime } from "../runtime/runtime.js";
import type { StoreLookup } from "../stores/lookup.js";
import { lookupOverTcp } from "../stores/memcached.js";
import { lookupRedisUrl } from "../stores/redis-url.js";
import { type CheckResult, result } from "./checks.js";

/** Where to read sessions from: the lab's store container, or a store the user names by URL. */
export type StoreTarget =
  | { via: "container"; runtime: Runtime; lab: LabInstance }
  | { via: "url"; url: string }
  | { via: "none"; reason: string };

/** What was seen when the session was looked up in the store: the input of the in-store check. */
export type StoreObservation =
  | { outcome: "skip"; reason: string }
  | { outcome: "fail"; summary: string; evidence?: string[] }
  | {
      outcome: "read";
      key: string;
      where: string;
      lookup: StoreLookup;
      /** the TTL the key should have, where the lab knows it */
      expectedTtl?: { seconds: number; why: string };
    };

/** A key's TTL may lag the session timeout by the time the probes took, and a little more. */
const TTL_TOLERANCE_SECONDS = 15;

/** (4) Reads the store directly: the session must be there, not just in a Tomcat's memory. */
export async function checkInStore(target: StoreTarget, sessionId: string | undefined): Promise<CheckResult> {
  return evaluateInStore(await observeStore(target, sessionId));
}

/** The lab's definition, from the topology folder its containers name (older labs: by kind). */
export async function labDefinitionOf(lab: LabInstance): Promise<LabDefinition | undefined> {
  const topology = lab.containers[0]?.labels[LABEL_TOPOLOGY];
  const builtIn = listLabNamesSync().includes(lab.kind);
  try {
    return await loadLab(topology ?? lab.kind);
  } catch (e) {
    // A built-in lab's folder moves with sessionlab (reinstalled, another checkout): find it by name.
    if (builtIn) return loadLab(lab.kind);
    if (!topology) return undefined;
    throw new SessionlabError(
      `cannot read the topology of lab ${lab.instance} (${(e as Error).message})`,
      `mend ${topology}/lab.json, or recreate the lab with \`sessionlab up ${topology}\``,
    );
  }
}

export async function observeStore(
  target: StoreTarget,
  sessionId: string | undefined,
): Promise<StoreObservation> {
  if (target.via === "none") return { outcome: "skip", reason: target.reason };
  const noSession = {
    outcome: "fail",
    summary: "no session id was observed, so there is nothing to look up",
  } as const;
  if (target.via === "url") return sessionId ? observeUrlStore(target.url, sessionId) : noSession;

  const { lab, runtime } = target;
  const def = await labDefinitionOf(lab);
  const containers = lab.containers.filter((c) => roleOf(c) === "store");
  const manager = def?.managers[containers[0]?.labels[LABEL_MANAGER] ?? def.defaultManager];
  const storeGroup = def && Object.values(def.nodes).find((g) => KINDS[g.kind].store);
  if (!containers.length || !def || !manager || !storeGroup)
    return { outcome: "skip", reason: `lab ${lab.instance} has no session store` };
  const stopped = containers.filter((c) => c.state !== "running");
  if (stopped.length === containers.length)
    return {
      outcome: "fail",
      summary: stopped.map((c) => `the store container ${c.name} is ${c.state}`).join("; "),
    };
  // A stopped store is the finding, before (and usually why) no session id came back.
  if (!sessionId) return noSession;
  const nodes = storeNodesOf(lab, storeGroup.kind);
  const ops = KINDS[nodes[0]!.node.kind].store!;
  const key = (manager.storeKey ?? "{id}").replace("{id}", sessionId);
  const paths = new LabPaths(lab.dir);
  const tried: string[] = [];
  let where = "";
  let lookup: StoreLookup | undefined;
  const candidates = ops.candidates(nodes, sessionId);
  try {
    for (const n of candidates) {
      where = `${n.node.kind} container ${n.containerName}`;
      if (n.state !== "running") {
        tried.push(`${n.containerName}: ${n.state}`);
        continue;
      }
      lookup = await ops.lookup(runtime, n, key, paths);
      if (lookup.found) break;
      tried.push(`${n.containerName}: ${lookup.detail}`);
    }
  } catch (e) {
    return { outcome: "fail", summary: `could not read the store: ${(e as Error).message}` };
  }
  if (!lookup)
    return { outcome: "fail", summary: `no running store container to read ${key} from`, evidence: tried };
  // With several store nodes the id names the one that must hold it (msm's -nX): elsewhere is wrong.
  const named = nodes.length > 1 ? candidates[0] : undefined;
  if (lookup.found && named && where !== `${named.node.kind} container ${named.containerName}`)
    return {
      outcome: "fail",
      summary: `${key} is in ${where}, not in ${named.containerName}, the node its id names`,
      evidence: tried,
    };
  if (!lookup.found && nodes.length > 1) where = `any of ${nodes.map((n) => n.containerName).join(", ")}`;
  const timeout = def.sessionTimeoutMinutes * 60;
  const extra = manager.storeTtlExtraSeconds ?? 0;
  const factor = manager.storeTtlFactor ?? 1;
  return {
    outcome: "read",
    key,
    where,
    lookup: lookup.found ? lookup : { ...lookup, detail: tried.join("; ") || lookup.detail },
    expectedTtl: {
      seconds: timeout * factor + extra,
      why:
        factor > 1
          ? `${factor} × the session timeout of ${timeout} s, as the manager keeps it`
          : extra
            ? `session timeout ${timeout} s + ${extra} s the manager adds`
            : `session timeout ${timeout} s from web.xml`,
    },
  };
}

/** Pure: the in-store verdict from what the lookup saw. */
export function evaluateInStore(o: StoreObservation): CheckResult {
  if (o.outcome === "skip") return result("in-store", "skip", o.reason);
  if (o.outcome === "fail") return result("in-store", "fail", o.summary, o.evidence);
  const { key, where, lookup, expectedTtl } = o;
  if (!lookup.found) return result("in-store", "fail", `${key} is not in ${where}`, [lookup.detail]);
  if (lookup.ttlSeconds === undefined || !expectedTtl)
    return result("in-store", "pass", `${key} found in ${where}`, [lookup.detail]);
  const expected = expectedTtl.seconds;
  const ttlOk = lookup.ttlSeconds <= expected && lookup.ttlSeconds >= expected - TTL_TOLERANCE_SECONDS;
  return result(
    "in-store",
    ttlOk ? "pass" : "fail",
    ttlOk
      ? `${key} found in ${where}, TTL ${lookup.ttlSeconds} s`
      : `${key} has TTL ${lookup.ttlSeconds} s, expected about ${expected} s (${expectedTtl.why})`,
    [lookup.detail, `expected TTL: ${expected} s (${expectedTtl.why})`],
  );
}

async function observeUrlStore(url: string, sessionId: string): Promise<StoreObservation> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return {
      outcome: "fail",
      summary: `--store ${url} is not a URL; use memcached://host:port or redis://[:password@]host:port`,
    };
  }
  const where = `${u.protocol.slice(0, -1)} at ${u.host}`;
  try {
    let lookup: StoreLookup;
    if (u.protocol === "memcached:")
      lookup = await lookupOverTcp(u.hostname, Number(u.port || 11211), sessionId);
    else if (u.protocol === "redis:" || u.protocol === "rediss:")
      lookup = await lookupRedisUrl(url, await redisKeys(sessionId));
    else
      return {
        outcome: "skip",
        reason: `--store ${u.protocol}// is not supported; use memcached:// or redis://`,
      };
    return { outcome: "read", key: sessionId, where, lookup };
  } catch (e) {
    return { outcome: "fail", summary: `could not read ${where}: ${(e as Error).message}` };
  }
}

/** The keys the Redis managers of sessionlab's labs would store this session under. */
async function redisKeys(sessionId: string): Promise<string[]> {
  const templates = new Set<string>();
  for (const name of listLabNamesSync()) {
    const def = await loadLab(name);
    if (!Object.values(def.nodes).some((g) => g.kind === "redis")) continue;
    for (const m of Object.values(def.managers)) templates.add(m.storeKey ?? "{id}");
  }
  return [...templates].map((t) => t.replace("{id}", sessionId));
}
