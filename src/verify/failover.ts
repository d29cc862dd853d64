/**
 * Failover steps of a verify scenario: stop the node that holds the session (the Tomcat it is routed
 * to, or the memcached node its backup is in), keep the same client going, then start the node again
 * and wait until it answers. What was seen goes to the checks; the lab is always put back, also on
 * Ctrl-C or failure.
 */
import { KINDS } from "../kinds/index.js";
import type { LabNode, NodeKindName } from "../labs/definition.js";
import { LabPaths } from "../labs/lab-paths.js";
import type { LabInstance } from "../orchestrator/discover.js";
import { nodeOf } from "../orchestrator/discover.js";
import { LABEL_NODE_INDEX, LABEL_NODE_KIND } from "../runtime/labels.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import { pollUntil } from "../runtime/wait.js";
import type { ProbeClient } from "./client.js";
import type { Observation } from "./page.js";
import { parseSessionId } from "./session-id.js";

export interface FailoverObservation {
  what: "tomcat" | "store";
  /** why the step did not run */
  skipped?: string;
  stopped?: { node: string; container: string };
  /** the last answer before the node was stopped */
  before?: Observation;
  /** the requests made while it was down */
  after: Observation[];
  /** from the stop to the first answer that carried the session on */
  secondsToRecover?: number;
  /** the node was started again and answered; or why not */
  restarted: boolean;
  restartError?: string;
}

export const FAILOVER_REQUESTS = 10;
const RESTART_TIMEOUT_MS = 90_000;

export interface FailoverContext {
  runtime: Runtime;
  lab: LabInstance;
  client: ProbeClient;
  url: string;
  tomcats: string[];
  signal?: AbortSignal;
}

function kindOf(c: LabContainer): NodeKindName | undefined {
  return c.labels[LABEL_NODE_KIND] as NodeKindName | undefined;
}

/** The container that holds the session now: its route's Tomcat, or the memcached node its -nX names. */
function holder(ctx: FailoverContext, what: "tomcat" | "store", id: string): LabContainer | undefined {
  const sid = parseSessionId(id);
  if (what === "tomcat")
    return ctx.lab.containers.find((c) => kindOf(c) === "tomcat" && nodeOf(c) === sid.route);
  return ctx.lab.containers.find(
    (c) => kindOf(c) === "memcached" && sid.storeNode === `n${c.labels[LABEL_NODE_INDEX] ?? ""}`,
  );
}

export async function failover(ctx: FailoverContext, what: "tomcat" | "store"): Promise<FailoverObservation> {
  const before = [...ctx.client.observations].reverse().find((o) => o.sessionId && !o.error);
  if (!before?.sessionId) return { what, skipped: "no session to follow", after: [], restarted: true };
  const target = holder(ctx, what, before.sessionId);
  if (!target)
    return {
      what,
      skipped: `session id ${before.sessionId} names no ${what === "tomcat" ? "Tomcat route" : "memcached node"} of this lab`,
      after: [],
      restarted: true,
    };
  const node: LabNode = {
    name: nodeOf(target),
    kind: kindOf(target)!,
    index: Number(target.labels[LABEL_NODE_INDEX] ?? 1),
    params: {},
  };
  const obs: FailoverObservation = {
    what,
    stopped: { node: node.name, container: target.name },
    before,
    after: [],
    restarted: false,
  };
  const started = performance.now();
  try {
    await ctx.runtime.stopContainer(target.id, { timeoutSeconds: 5 });
    for (let i = 0; i < FAILOVER_REQUESTS; i++) {
      ctx.signal?.throwIfAborted();
      const o = await ctx.client.get();
      obs.after.push(o);
      if (
        obs.secondsToRecover === undefined &&
        !o.error &&
        o.sessionId &&
        sameSession(o.sessionId, before.sessionId)
      )
        obs.secondsToRecover = (performance.now() - started) / 1000;
    }
  } finally {
    // Put the lab back whatever happened, Ctrl-C included.
    try {
      await ctx.runtime.startContainer(target.id);
      await pollUntil(
        async () =>
          (await KINDS[node.kind].ready({
            runtime: ctx.runtime,
            containerId: target.id,
            node,
            paths: new LabPaths(ctx.lab.dir),
            url: ctx.lab.url,
            tomcats: ctx.tomcats,
          }))
            ? true
            : undefined,
        {
          timeoutMs: RESTART_TIMEOUT_MS,
          intervalMs: 250,
          onTimeout: () =>
            new Error(`${node.name} did not answer within ${RESTART_TIMEOUT_MS / 1000} s of its restart`),
        },
      );
      obs.restarted = true;
    } catch (e) {
      obs.restartError = (e as Error).message;
    }
  }
  return obs;
}

const sameSession = (a: string, b: string) => parseSessionId(a).base === parseSessionId(b).base;
