/**
 * The faults `sessionlab drill` injects into a running lab while clients keep their sessions going.
 * Each scenario says where it applies, injects its fault, and always puts the lab back.
 */
import type { LabInstance } from "../orchestrator/discover.js";
import { labNodeOf, nodeOf, roleOf } from "../orchestrator/discover.js";
import { startAndWait } from "../orchestrator/restart.js";
import { reloadNginx } from "../kinds/nginx.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import type { DrillName } from "../labs/topology.js";
import { parseSessionId } from "../verify/session-id.js";
import type { Traffic } from "./traffic.js";

export interface DrillContext {
  runtime: Runtime;
  lab: LabInstance;
  traffic: Traffic;
  /** how long clients run with the fault in place, and again after it is undone */
  windowMs: number;
  signal?: AbortSignal;
}

export interface FaultDrill {
  id: DrillName;
  summary: string;
  /** a reason when the drill does not apply to this lab */
  notApplicable(lab: LabInstance): string | undefined;
  /** the container the fault hits, chosen from what the clients see */
  target(ctx: DrillContext): LabContainer;
  /** injects the fault; returns how to undo it */
  inject(ctx: DrillContext, target: LabContainer): Promise<() => Promise<void>>;
}

/** Raised by a drill that finds, once it runs, that this machine cannot do it. */
export class DrillNotApplicable extends Error {}

/** the delay store-latency adds to every packet the store sends */
export const LATENCY_MS = 200;

const tomcats = (lab: LabInstance) => lab.containers.filter((c) => roleOf(c) === "tomcat");
const stores = (lab: LabInstance) => lab.containers.filter((c) => roleOf(c) === "store");

/** The Tomcat that served the last answer. */
function servingTomcat(ctx: DrillContext): LabContainer {
  const last = [...ctx.traffic.timeline].reverse().find((e) => e.outcome === "ok" && e.node);
  return tomcats(ctx.lab).find((c) => nodeOf(c) === last?.node) ?? tomcats(ctx.lab)[0]!;
}

/** The store node the last session's id names (msm's -nX), else the first store node. */
function sessionStore(ctx: DrillContext): LabContainer {
  const last = [...ctx.traffic.timeline].reverse().find((e) => e.outcome === "ok" && e.sessionId);
  const nodeId = last?.sessionId ? parseSessionId(last.sessionId).storeNode : undefined;
  const all = stores(ctx.lab);
  return all.find((c) => `n${labNodeOf(c).index}` === nodeId) ?? all[0]!;
}

const noStore = (lab: LabInstance) =>
  stores(lab).length ? undefined : `lab ${lab.instance} has no session store`;
const restartAfter = (ctx: DrillContext, c: LabContainer) => () => startAndWait(ctx.runtime, ctx.lab, c);

export const DRILLS: Record<Exclude<DrillName, "concurrency">, FaultDrill> = {
  "tomcat-stop": {
    id: "tomcat-stop",
    summary: "stop (SIGTERM) the Tomcat that served the last request, keep going, start it again",
    notApplicable: () => undefined,
    target: servingTomcat,
    async inject(ctx, c) {
      await ctx.runtime.stopContainer(c.id, { timeoutSeconds: 10 });
      return restartAfter(ctx, c);
    },
  },
  "tomcat-kill": {
    id: "tomcat-kill",
    summary: "kill (SIGKILL) the Tomcat that served the last request, keep going, start it again",
    notApplicable: () => undefined,
    target: servingTomcat,
    async inject(ctx, c) {
      await ctx.runtime.killContainer(c.id);
      return restartAfter(ctx, c);
    },
  },
  "store-restart": {
    id: "store-restart",
    summary: "restart the store node holding the sessions (stop, then start at once)",
    notApplicable: noStore,
    target: sessionStore,
    async inject(ctx, c) {
      await ctx.runtime.stopContainer(c.id, { timeoutSeconds: 5 });
      await startAndWait(ctx.runtime, ctx.lab, c);
      return async () => undefined;
    },
  },
  "store-stop": {
    id: "store-stop",
    summary: "stop the store node holding the sessions, keep going, start it again",
    notApplicable: noStore,
    target: sessionStore,
    async inject(ctx, c) {
      await ctx.runtime.stopContainer(c.id, { timeoutSeconds: 5 });
      return restartAfter(ctx, c);
    },
  },
  "store-latency": {
    id: "store-latency",
    summary: `add ${LATENCY_MS} ms of latency to the store node holding the sessions (tc netem), then remove it`,
    notApplicable: noStore,
    target: sessionStore,
    async inject(ctx, c) {
      const tc = async (...args: string[]) => {
        const r = await ctx.runtime.exec(c.id, ["tc", "qdisc", ...args], { user: "root" });
        if (r.exitCode !== 0)
          throw new Error(`tc qdisc ${args.join(" ")} failed: ${(r.stderr || r.stdout).trim()}`);
      };
      try {
        await tc("add", "dev", "eth0", "root", "netem", "delay", `${LATENCY_MS}ms`);
      } catch (e) {
        // Some kernels (e.g. minimal VM kernels) are built without sch_netem: nothing to drill there.
        if (/qdisc kind is unknown/i.test((e as Error).message))
          throw new DrillNotApplicable(
            `this machine's kernel has no netem qdisc (sch_netem): ${(e as Error).message}`,
          );
        throw e;
      }
      return () => tc("del", "dev", "eth0", "root");
    },
  },
  "nginx-reload": {
    id: "nginx-reload",
    summary: "reload nginx (nginx -s reload) mid-traffic",
    notApplicable: () => undefined,
    target: (ctx) => ctx.lab.containers.find((c) => roleOf(c) === "nginx")!,
    async inject(ctx, c) {
      await reloadNginx(ctx.runtime, c.id);
      return async () => undefined;
    },
  },
};

export const CONCURRENCY_SUMMARY =
  "N parallel requests in one session, each incrementing its counter: how many updates were lost";
