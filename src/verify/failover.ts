/**
 * Failover steps of a verify scenario: stop the node that holds the session (the Tomcat it is routed
 * to, the memcached node its backup is in, or the cluster member that created it — with BackupManager,
 * killed: its primary), keep the same client going, then start the node again and wait until it
 * answers (a cluster member: until it holds the session again). What was seen goes to the checks;
 * the lab is always put back, also on Ctrl-C or failure.
 */
import { askMember, stateTransferMs } from "../kinds/cluster-page.js";
import { KINDS } from "../kinds/index.js";
import type { LabInstance } from "../orchestrator/discover.js";
import { labNodeOf, nodeOf, roleOf, storeNodesOf } from "../orchestrator/discover.js";
import { startAndWait } from "../orchestrator/restart.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import { markLog } from "../runtime/log-mark.js";
import { pollUntil } from "../runtime/wait.js";
import type { ProbeClient } from "./client.js";
import { type ClusterObservation, observeCluster } from "./cluster-check.js";
import { loggedErrors } from "./logged-errors.js";
import type { Observation } from "./page.js";
import { parseSessionId } from "./session-id.js";

/** which node a step stops: the session's Tomcat, its store node, or the cluster member holding it */
export type FailoverStep = "tomcat" | "store" | "member";

export interface FailoverObservation {
  what: FailoverStep;
  /** stopped (SIGTERM, a clean shutdown) or killed (SIGKILL, as when a machine dies) */
  how?: "stop" | "kill";
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
  /** errors the other Tomcats logged while the node was down (one line each, with their cause) */
  logged?: Array<{ node: string; line: string }>;
  /** a cluster member, once back: how long until it held the session again, and as what */
  rejoin?: {
    /** from the start command until it held the session */
    seconds?: number;
    role?: string;
    /** DeltaManager's own measure of the state transfer, from its log */
    transferMs?: number;
    error?: string;
  };
}

/** how long a restarted member may take to receive the session state once it has joined */
const REJOIN_TIMEOUT_MS = 60_000;

export const FAILOVER_REQUESTS = 10;

export interface FailoverContext {
  runtime: Runtime;
  lab: LabInstance;
  client: ProbeClient;
  signal?: AbortSignal;
  /** the members' views verify just read for the replicated check: no need to ask them again */
  cluster?: ClusterObservation;
}

/**
 * The container that holds the session now: its route's Tomcat, the store node its id names, or the
 * cluster member that created it (BackupManager: its primary now, to be killed).
 */
async function holder(
  ctx: FailoverContext,
  what: FailoverStep,
  id: string,
): Promise<{ target?: LabContainer; how: "stop" | "kill" }> {
  if (what === "member") {
    const base = parseSessionId(id).base;
    const cluster =
      ctx.cluster?.outcome === "read" && ctx.cluster.sessionBase === base
        ? ctx.cluster
        : await observeCluster(ctx.runtime, ctx.lab, base);
    const primary =
      cluster.outcome === "read"
        ? cluster.members.find(
            (m) => m.view?.manager === "BackupManager" && m.view.session?.role === "primary",
          )
        : undefined;
    const created = ctx.client.observations.find(
      (o) => o.isNew && o.sessionId && parseSessionId(o.sessionId).base === base,
    );
    const node = primary?.node ?? created?.node ?? parseSessionId(id).route;
    const target = ctx.lab.containers.find((c) => roleOf(c) === "tomcat" && nodeOf(c) === node);
    return { target, how: primary ? "kill" : "stop" };
  }
  return { target: holderOf(ctx, what, id), how: "stop" };
}

function holderOf(ctx: FailoverContext, what: "tomcat" | "store", id: string): LabContainer | undefined {
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

export async function failover(ctx: FailoverContext, what: FailoverStep): Promise<FailoverObservation> {
  // Nothing is stopped once Ctrl-C was pressed.
  ctx.signal?.throwIfAborted();
  const before = [...ctx.client.observations].reverse().find((o) => o.sessionId && !o.error);
  if (!before?.sessionId) return { what, skipped: "no session to follow", after: [], restarted: true };
  const { target, how } = await holder(ctx, what, before.sessionId);
  if (!target)
    return {
      what,
      skipped: `session id ${before.sessionId} names no ${what === "store" ? "store node" : "Tomcat route"} of this lab`,
      after: [],
      restarted: true,
    };
  const node = labNodeOf(target);
  const obs: FailoverObservation = {
    what,
    how,
    stopped: { node: node.name, container: target.name },
    before,
    after: [],
    restarted: false,
  };
  // What the other Tomcats log meanwhile often says why a session was lost.
  const others = ctx.lab.containers.filter(
    (c) => roleOf(c) === "tomcat" && c.id !== target.id && c.state === "running",
  );
  const marks = await Promise.all(
    others.map(async (c) => ({ node: nodeOf(c), since: await markLog(ctx.runtime, c.id) })),
  );
  const started = performance.now();
  let restartAt = started;
  try {
    if (how === "kill") await ctx.runtime.killContainer(target.id);
    else await ctx.runtime.stopContainer(target.id, { timeoutSeconds: 5 });
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
    const logged = (
      await Promise.all(
        marks.map(async (m) => loggedErrors(await m.since()).map((line) => ({ node: m.node, line }))),
      )
    ).flat();
    if (logged.length) obs.logged = logged;
  } finally {
    // Put the lab back whatever happened, Ctrl-C included.
    restartAt = performance.now();
    try {
      await startAndWait(ctx.runtime, ctx.lab, target);
      obs.restarted = true;
    } catch (e) {
      obs.restartError = (e as Error).message;
    }
  }
  if (what === "member" && obs.restarted) obs.rejoin = await rejoin(ctx, target, before.sessionId, restartAt);
  return obs;
}

/**
 * A restarted cluster member is given the cluster's sessions when it joins (DeltaManager: every
 * session; BackupManager: where each one is). Polls it until it holds this one; the time counts from
 * when it was started again.
 */
async function rejoin(
  ctx: FailoverContext,
  member: LabContainer,
  sessionId: string,
  since: number,
): Promise<FailoverObservation["rejoin"]> {
  const sessionBase = parseSessionId(sessionId).base;
  try {
    const view = await pollUntil(
      async () => {
        const v = await askMember(ctx.runtime, member.id, { sessionBase });
        return v.session ? v : undefined;
      },
      {
        timeoutMs: REJOIN_TIMEOUT_MS,
        intervalMs: 100,
        onTimeout: (last) =>
          new Error(
            `${nodeOf(member)} did not get session ${sessionBase} within ${REJOIN_TIMEOUT_MS / 1000} s${last instanceof Error ? ` (${last.message})` : ""}`,
          ),
      },
    );
    // DeltaManager logs how long the state transfer itself took, within the member's start.
    const log = await ctx.runtime.logTail(member.id, 200).catch(() => [] as string[]);
    return {
      seconds: (performance.now() - since) / 1000,
      role: view.session!.role,
      transferMs: stateTransferMs(log),
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const sameSession = (a: string, b: string) => parseSessionId(a).base === parseSessionId(b).base;
