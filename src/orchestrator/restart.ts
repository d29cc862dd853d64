import { KINDS } from "../kinds/index.js";
import type { NodeTarget } from "../kinds/kind.js";
import { LabPaths } from "../labs/lab-paths.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import { markLog } from "../runtime/log-mark.js";
import { pollUntil } from "../runtime/wait.js";
import { waitForContainer } from "./readiness.js";
import { type LabInstance, labNodeOf, tomcatNames } from "./discover.js";

const RESTART_TIMEOUT_MS = 90_000;

/** What a kind's readiness wait and peer hook get to look at one running container of a lab. */
function targetOf(runtime: Runtime, lab: LabInstance, c: LabContainer): NodeTarget {
  return {
    runtime,
    containerId: c.id,
    node: labNodeOf(c),
    paths: new LabPaths(lab.dir),
    url: lab.url,
    tomcats: tomcatNames(lab),
  };
}

/**
 * Starts a container a drill or verify stopped and waits until its kind says it is ready, so the lab
 * is whole again. Not abortable on purpose: Ctrl-C must not leave the lab half-stopped.
 */
export async function startAndWait(runtime: Runtime, lab: LabInstance, c: LabContainer): Promise<void> {
  await runtime.startContainer(c.id);
  await waitUntilReady(runtime, lab, c);
}

/**
 * Waits like `up` until a (re)started container's kind says it is ready — a container that exits
 * fails at once, with its last log lines — then lets the other nodes react (nginx looks it up anew).
 */
export async function waitUntilReady(runtime: Runtime, lab: LabInstance, c: LabContainer): Promise<void> {
  const node = labNodeOf(c);
  await waitForContainer(
    runtime,
    { id: c.id, name: c.name, label: node.name },
    () => KINDS[node.kind].ready(targetOf(runtime, lab, c)),
    { timeoutMs: RESTART_TIMEOUT_MS },
  );
  await tellPeers(runtime, lab, [c]);
}

/** Calls the other nodes' afterPeerRestart hooks once for a set of restarted containers. */
export async function tellPeers(
  runtime: Runtime,
  lab: LabInstance,
  restarted: LabContainer[],
): Promise<void> {
  const ids = new Set(restarted.map((c) => c.id));
  const names = new Set(restarted.map((c) => c.name));
  for (const peer of lab.containers) {
    if (ids.has(peer.id) || names.has(peer.name)) continue;
    if (peer.state !== "running") continue;
    await KINDS[labNodeOf(peer).kind]?.afterPeerRestart?.(
      targetOf(runtime, lab, peer),
      restarted.map((c) => labNodeOf(c)),
    );
  }
}

/** How a container came back from a restart whose config may be broken on purpose. */
export interface SettledRestart {
  node: string;
  container: string;
  /** ready: its kind's readiness holds; not serving: it runs but is not ready; exited: it died */
  state: "ready" | "not serving" | "exited";
  /** what it logged since the restart (the last lines) */
  log: string[];
  seconds: number;
}

/**
 * Restarts a container and waits until it is ready or has plainly settled without being ready: it
 * exited, or (Tomcat) finished starting ("Server startup in") while its webapp is not served, or
 * (nginx) answers HTTP with an error. Never throws for a broken node: it reports what it saw.
 */
export async function restartSettled(
  runtime: Runtime,
  lab: LabInstance,
  c: LabContainer,
  opts: { timeoutMs?: number } = {},
): Promise<SettledRestart> {
  const started = performance.now();
  const node = labNodeOf(c);
  const kind = KINDS[node.kind];
  const since = await markLog(runtime, c.id);
  await runtime.stopContainer(c.id);
  await runtime.startContainer(c.id);
  const state = await pollUntil<SettledRestart["state"]>(
    async () => {
      const st = await runtime.containerState(c.id);
      if (!st.running) return "exited";
      if (await kind.ready(targetOf(runtime, lab, c)).catch(() => false)) return "ready";
      if (node.kind === "tomcat" && (await since()).some((l) => /Server startup in/.test(l)))
        return "not serving";
      if (node.kind === "nginx" && (await answersHttp(lab.url))) return "not serving";
      return undefined;
    },
    {
      timeoutMs: opts.timeoutMs ?? RESTART_TIMEOUT_MS,
      intervalMs: 250,
      onTimeout: () => new Error("timeout"),
    },
  ).catch(() => "not serving" as const);
  return {
    node: node.name,
    container: c.name,
    state,
    log: (await since()).slice(-40),
    seconds: (performance.now() - started) / 1000,
  };
}

/** nginx answers at all (any status), so it has started with the config it was given. */
async function answersHttp(url: string): Promise<boolean> {
  const { request } = await import("undici");
  try {
    const res = await request(`${url}/`, { headersTimeout: 2000, bodyTimeout: 2000 });
    await res.body.dump();
    return true;
  } catch {
    return false;
  }
}
