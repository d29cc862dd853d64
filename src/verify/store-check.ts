import { readFile } from "node:fs/promises";
import { listLabNamesSync, loadLab } from "../labs/definition.js";
import { LabPaths } from "../labs/lab-paths.js";
import type { LabInstance } from "../orchestrator/discover.js";
import { roleOf } from "../orchestrator/discover.js";
import type { DockerRuntime } from "../runtime/docker.js";
import { LABEL_MANAGER } from "../runtime/labels.js";
import { type StoreLookup, storeAdapter } from "../stores/index.js";
import { lookupOverTcp } from "../stores/memcached.js";
import { lookupRedisUrl } from "../stores/redis-url.js";
import { requirepassOf } from "../stores/redis.js";
import { type CheckResult, result } from "./checks.js";

/** Where to read sessions from: the lab's store container, or a store the user names by URL. */
export type StoreTarget =
  | { via: "container"; runtime: DockerRuntime; lab: LabInstance }
  | { via: "url"; url: string }
  | { via: "none"; reason: string };

/** A key's TTL may lag the session timeout by the time the probes took, and a little more. */
const TTL_TOLERANCE_SECONDS = 15;

/** (4) Reads the store directly: the session must be there, not just in a Tomcat's memory. */
export async function checkInStore(target: StoreTarget, sessionId: string | undefined): Promise<CheckResult> {
  if (target.via === "none") return result("in-store", "skip", target.reason);
  const noSession = () =>
    result("in-store", "fail", "no session id was observed, so there is nothing to look up");
  if (target.via === "url") return sessionId ? checkUrlStore(target.url, sessionId) : noSession();

  const { lab, runtime } = target;
  const store = lab.containers.find((c) => roleOf(c) === "store");
  const def = await loadLab(lab.kind).catch(() => undefined);
  const manager = def?.managers[store?.labels[LABEL_MANAGER] ?? def.defaultManager];
  if (!store || !def?.store || !manager)
    return result("in-store", "skip", `lab ${lab.instance} has no session store`);
  const where = `${def.store.kind} container ${store.name}`;
  if (store.state !== "running")
    return result("in-store", "fail", `the store container ${store.name} is ${store.state}`);
  if (!sessionId) return noSession();
  const key = (manager.storeKey ?? "{id}").replace("{id}", sessionId);
  let lookup: StoreLookup;
  try {
    const password = def.store.kind === "redis" ? await labRedisPassword(lab) : undefined;
    lookup = await storeAdapter(def.store.kind, password).lookup(runtime, store.id, key);
  } catch (e) {
    return result("in-store", "fail", `could not read the store: ${(e as Error).message}`);
  }
  if (!lookup.found) return result("in-store", "fail", `${key} is not in ${where}`, [lookup.detail]);
  if (lookup.ttlSeconds === undefined)
    return result("in-store", "pass", `${key} found in ${where}`, [lookup.detail]);

  const timeout = def.sessionTimeoutMinutes * 60;
  const expected = timeout + (manager.storeTtlExtraSeconds ?? 0);
  const why = manager.storeTtlExtraSeconds
    ? `session timeout ${timeout} s + ${manager.storeTtlExtraSeconds} s the manager adds`
    : `session timeout ${timeout} s from web.xml`;
  const ttlOk = lookup.ttlSeconds <= expected && lookup.ttlSeconds >= expected - TTL_TOLERANCE_SECONDS;
  return result(
    "in-store",
    ttlOk ? "pass" : "fail",
    ttlOk
      ? `${key} found in ${where}, TTL ${lookup.ttlSeconds} s`
      : `${key} has TTL ${lookup.ttlSeconds} s, expected about ${expected} s (${why})`,
    [lookup.detail, `expected TTL: ${expected} s (${why})`],
  );
}

async function checkUrlStore(url: string, sessionId: string): Promise<CheckResult> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return result(
      "in-store",
      "fail",
      `--store ${url} is not a URL; use memcached://host:port or redis://[:password@]host:port`,
    );
  }
  const where = `${u.protocol.slice(0, -1)} at ${u.host}`;
  try {
    let lookup: StoreLookup;
    if (u.protocol === "memcached:")
      lookup = await lookupOverTcp(u.hostname, Number(u.port || 11211), sessionId);
    else if (u.protocol === "redis:" || u.protocol === "rediss:")
      lookup = await lookupRedisUrl(url, await redisKeys(sessionId));
    else
      return result(
        "in-store",
        "skip",
        `--store ${u.protocol}// is not supported; use memcached:// or redis://`,
      );
    return lookup.found
      ? result("in-store", "pass", `${sessionId} found in ${where}`, [lookup.detail])
      : result("in-store", "fail", `${sessionId} is not in ${where}`, [lookup.detail]);
  } catch (e) {
    return result("in-store", "fail", `could not read ${where}: ${(e as Error).message}`);
  }
}

/** The keys the Redis managers of sessionlab's labs would store this session under. */
async function redisKeys(sessionId: string): Promise<string[]> {
  const templates = new Set<string>();
  for (const name of listLabNamesSync()) {
    const def = await loadLab(name);
    if (def.store?.kind !== "redis") continue;
    for (const m of Object.values(def.managers)) templates.add(m.storeKey ?? "{id}");
  }
  return [...templates].map((t) => t.replace("{id}", sessionId));
}

/** The password is whatever the lab's redis.conf says now: the user may have changed it. */
async function labRedisPassword(lab: LabInstance): Promise<string> {
  const conf = await readFile(new LabPaths(lab.dir).redisConf(), "utf8");
  const pw = requirepassOf(conf);
  if (!pw) throw new Error(`no requirepass in ${new LabPaths(lab.dir).redisConf()}`);
  return pw;
}
