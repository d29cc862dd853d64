/**
 * Failover steps of a verify scenario: stop the node that holds the session (the Tomcat it is routed
 * to, or the memcached node its backup is in), keep the same client going, then start the node again
 * and wait until it answers. What was seen goes to the checks; the lab is always put back, also on
 * Ctrl-C or failure.
 */
import { KINDS } from "../kinds/index.js";
import type { LabInstance } from "../orchestrator/discover.js";
import { labNodeOf, nodeOf, roleOf, storeNodesOf } from "../orchestrator/discover.js";
import { startAndWait } from "../orchestrator/restart.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
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

export interface FailoverContext {
  runtime: Runtime;
  lab: LabInstance;
  client: ProbeClient;
  signal?: AbortSignal;
}

/** The container that holds the session now: its route's Tomcat, or the store node its id names. */
function holder(ctx: FailoverContext, what: "tomcat" | "store", id: string): LabContainer | undefined {
  if (what === "tomcat") {
    const route = parseSessionId(id).route;
    return ctx.lab.containers.find((c) => roleOf(c) === "tomcat" && nodeOf(c) === route);
  }
  const nodes = storeNodesOf(ctx.lab);
  const ops = nodes[0] && KINDS[nodes[0].node.kind]?.store;
  if (!ops) return undefined;
  const first = ops.candidates(nodes, id)[0];
  return ctx.lab.containers.find((c) => c.id === first?.containerId);
}

export async function failover(ctx: FailoverContext, what: "tomcat" | "store"): Promise<FailoverObservation> {
  // Nothing is stopped once Ctrl-C was pressed.
  ctx.signal?.throwIfAborted();
  const before = [...ctx.client.observations].reverse().find((o) => o.sessionId && !o.error);
  if (!before?.sessionId) return { what, skipped: "no session to follow", after: [], restarted: true };
  const target = holder(ctx, what, before.sessionId);
  if (!target)
    return {
      what,
      skipped: `session id ${before.sessionId} names no ${what === "tomcat" ? "Tomcat route" : "store node"} of this lab`,
      after: [],
      restarted: true,
    };
  const node = labNodeOf(target);
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
      await startAndWait(ctx.runtime, ctx.lab, target);
      obs.restarted = true;
    } catch (e) {
      obs.restartError = (e as Error).message;
    }
  }
  return obs;
}

const sameSession = (a: string, b: string) => parseSessionId(a).base === parseSessionId(b).base;
