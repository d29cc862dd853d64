import { loadLab } from "../labs/definition.js";
import type { LabInstance } from "../orchestrator/discover.js";
import { roleOf } from "../orchestrator/discover.js";
import type { DockerRuntime } from "../runtime/docker.js";
import { type StoreLookup, lookupInContainer, lookupOverTcp } from "../stores/memcached.js";
import { type CheckResult, result } from "./checks.js";

/** Where to read sessions from: the lab's store container, or a store the user names by URL. */
export type StoreTarget =
  | { via: "container"; runtime: DockerRuntime; lab: LabInstance }
  | { via: "url"; url: string }
  | { via: "none"; reason: string };

/** (4) Reads the store directly: the session must be there, not just in a Tomcat's memory. */
export async function checkInStore(target: StoreTarget, sessionId: string | undefined): Promise<CheckResult> {
  if (target.via === "none") return result("in-store", "skip", target.reason);
  if (!sessionId)
    return result("in-store", "fail", "no session id was observed, so there is nothing to look up");
  let lookup: StoreLookup;
  let where: string;
  try {
    if (target.via === "url") {
      const u = new URL(target.url);
      if (u.protocol !== "memcached:") {
        return result(
          "in-store",
          "skip",
          `--store ${u.protocol}// is not supported here; use memcached://host:port`,
        );
      }
      where = `memcached at ${u.host}`;
      lookup = await lookupOverTcp(u.hostname, Number(u.port || 11211), sessionId);
    } else {
      const store = target.lab.containers.find((c) => roleOf(c) === "store");
      const def = await loadLab(target.lab.kind).catch(() => undefined);
      if (!store || !def?.store)
        return result("in-store", "skip", `lab ${target.lab.instance} has no session store`);
      where = `${def.store.kind} container ${store.name}`;
      if (store.state !== "running") {
        return result("in-store", "fail", `the store container ${store.name} is ${store.state}`, [
          `could not read session ${sessionId} from ${where}`,
        ]);
      }
      lookup = await lookupInContainer(target.runtime, store.id, sessionId);
    }
  } catch (e) {
    return result("in-store", "fail", `could not read the store: ${(e as Error).message}`);
  }
  if (!lookup.found)
    return result("in-store", "fail", `session ${sessionId} is not in ${where}`, [lookup.detail]);
  return result("in-store", "pass", `session ${sessionId} found in ${where}`, [lookup.detail]);
}
