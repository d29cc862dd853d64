/**
 * `sessionlab drill`: injects faults into a running lab while real clients keep their sessions going,
 * and reports what the lab's users lost against what the lab promises. The lab is whole again after
 * every drill, on failure and on Ctrl-C too.
 */
import { Agent } from "undici";
import { SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import { DRILLS as DRILL_NAMES, type DrillName } from "../labs/topology.js";
import { type LabInstance, resolveLab } from "../orchestrator/discover.js";
import { startAndWait } from "../orchestrator/restart.js";
import { connectRuntime } from "../runtime/connect.js";
import { LABEL_MANAGER } from "../runtime/labels.js";
import type { Runtime } from "../runtime/runtime.js";
import { PROBE_PATH } from "../verify/run.js";
import { parseSessionId } from "../verify/session-id.js";
import { labDefinitionOf } from "../verify/store-check.js";
import { CONCURRENCY_SUMMARY, DRILLS, type DrillContext, DrillNotApplicable } from "./scenarios.js";
import { type TimelineEntry, Traffic } from "./traffic.js";
import {
  type DrillMeasure,
  type Promise_,
  type Verdict,
  lostUpdates,
  measure,
  verdictOf,
} from "./verdict.js";

export interface DrillOptions {
  lab?: string;
  scenarios: string[];
  clients: number;
  windowMs: number;
  strict: boolean;
  signal?: AbortSignal;
  progress: Progress;
  runtime?: Runtime;
}

export interface DrillResult {
  scenario: DrillName;
  summary: string;
  /** why it did not run on this lab */
  notApplicable?: string;
  target?: string;
  promise: Promise_;
  verdict?: Verdict;
  measure?: DrillMeasure;
  timeline?: TimelineEntry[];
  seconds: number;
}

export interface DrillReport {
  ok: boolean;
  lab: string;
  strict: boolean;
  results: DrillResult[];
}

export function drillSummary(name: DrillName): string {
  return name === "concurrency" ? CONCURRENCY_SUMMARY : DRILLS[name].summary;
}

export function parseDrillNames(names: string[]): DrillName[] {
  for (const n of names) {
    if (!(DRILL_NAMES as readonly string[]).includes(n))
      throw new SessionlabError(
        `unknown drill "${n}"`,
        `choose from: ${DRILL_NAMES.join(", ")} (see \`sessionlab drill --list\`)`,
      );
  }
  return (names.length ? names : [...DRILL_NAMES]) as DrillName[];
}

/** Starts whatever of the lab is not running, so the next drill (and the user) finds it whole. */
async function makeWhole(runtime: Runtime, lab: LabInstance): Promise<void> {
  for (const c of lab.containers) {
    const st = await runtime.containerState(c.id).catch(() => undefined);
    if (st && !st.running) await startAndWait(runtime, lab, c);
  }
}

export async function drill(opts: DrillOptions): Promise<DrillReport> {
  const names = parseDrillNames(opts.scenarios);
  const runtime = opts.runtime ?? (await connectRuntime());
  const lab = await resolveLab(runtime, opts.lab);
  const down = lab.containers.filter((c) => c.state !== "running");
  if (!lab.containers.length || down.length)
    throw new SessionlabError(
      `lab ${lab.instance} is not running whole${down.length ? `: ${down.map((c) => `${c.name} is ${c.state}`).join(", ")}` : ""}`,
      `run \`sessionlab up\` for it first`,
    );
  const def = await labDefinitionOf(lab);
  const results: DrillResult[] = [];
  for (const name of names) {
    opts.signal?.throwIfAborted();
    const manager = def?.managers[lab.containers[0]?.labels[LABEL_MANAGER] ?? def.defaultManager];
    const promise = manager?.promises?.[name] ?? def?.promises?.[name] ?? "keeps";
    const summary = drillSummary(name);
    const started = performance.now();
    const notApplicable = name === "concurrency" ? undefined : DRILLS[name].notApplicable(lab);
    if (notApplicable) {
      results.push({ scenario: name, summary, notApplicable, promise, seconds: 0 });
      continue;
    }
    opts.progress.step(`drill ${name}: ${summary}`);
    try {
      const ran =
        name === "concurrency" ? await concurrency(lab, opts) : await faultDrill(name, runtime, lab, opts);
      const verdict = verdictOf(ran.measure, promise);
      results.push({
        scenario: name,
        summary,
        promise,
        verdict,
        ...ran,
        seconds: (performance.now() - started) / 1000,
      });
      const m = ran.measure;
      const detail = `${verdict}: ${m.requestsFailed} of ${m.requests} requests failed, ${m.sessionsLost} sessions lost${m.updatesLost !== undefined ? `, ${m.updatesLost} updates lost` : ""}`;
      if (verdict === "broken promise") opts.progress.fail(detail);
      else opts.progress.done(detail);
    } catch (e) {
      if (e instanceof DrillNotApplicable) {
        opts.progress.fail(`not applicable: ${e.message}`);
        results.push({ scenario: name, summary, notApplicable: e.message, promise, seconds: 0 });
        continue;
      }
      opts.progress.fail();
      throw e;
    } finally {
      await makeWhole(runtime, lab);
    }
  }
  const lost = (r: DrillResult) => (r.measure?.sessionsLost ?? 0) + (r.measure?.updatesLost ?? 0) > 0;
  const ok = results.every((r) => r.verdict !== "broken promise" && !(opts.strict && lost(r)));
  return { ok, lab: lab.instance, strict: opts.strict, results };
}

async function faultDrill(
  name: Exclude<DrillName, "concurrency">,
  runtime: Runtime,
  lab: LabInstance,
  opts: DrillOptions,
): Promise<{ measure: DrillMeasure; timeline: TimelineEntry[]; target: string }> {
  const agent = new Agent({ keepAliveTimeout: 1000, connections: opts.clients + 2 });
  const traffic = new Traffic(`${lab.url}${PROBE_PATH}`, agent, opts.clients);
  const ctx: DrillContext = { runtime, lab, traffic, windowMs: opts.windowMs, signal: opts.signal };
  const d = DRILLS[name];
  let faultAt = 0;
  let faultEnd = 0;
  let target = "";
  try {
    await traffic.warmUp();
    traffic.start();
    await traffic.run(1000, opts.signal);
    const c = d.target(ctx);
    target = c.name;
    faultAt = traffic.now();
    let undo: (() => Promise<void>) | undefined;
    try {
      undo = await d.inject(ctx, c);
      await traffic.run(opts.windowMs, opts.signal);
    } finally {
      faultEnd = traffic.now();
      await undo?.();
    }
    await traffic.run(opts.windowMs, opts.signal);
  } finally {
    await traffic.stop();
    await agent.close();
  }
  opts.signal?.throwIfAborted();
  return { measure: measure(traffic.timeline, faultAt, faultEnd), timeline: traffic.timeline, target };
}

/** Rounds of N parallel requests in one session; every request adds one to the session's counter. */
async function concurrency(
  lab: LabInstance,
  opts: DrillOptions,
): Promise<{ measure: DrillMeasure; timeline: TimelineEntry[] }> {
  const rounds = 3;
  const agent = new Agent({ keepAliveTimeout: 1000, connections: opts.clients + 2 });
  const traffic = new Traffic(`${lab.url}${PROBE_PATH}`, agent, 1);
  try {
    const first = await traffic.once();
    for (let r = 0; r < rounds; r++) {
      opts.signal?.throwIfAborted();
      await traffic.burst(opts.clients);
    }
    const last = await traffic.once();
    const increments = rounds * opts.clients;
    const sameSession =
      first.sessionId !== undefined &&
      last.sessionId !== undefined &&
      parseSessionId(first.sessionId).base === parseSessionId(last.sessionId).base;
    const lost =
      first.counter !== undefined && last.counter !== undefined && sameSession
        ? lostUpdates(first.counter, last.counter - 1, increments)
        : increments;
    const timeline = traffic.timeline;
    return {
      timeline,
      measure: {
        requests: timeline.length,
        requestsFailed: timeline.filter((e) => e.outcome === "error").length,
        sessionsLost: sameSession ? 0 : 1,
        updatesLost: lost,
        secondsToServeAll: 0,
        evidence: [
          `counter ${first.counter} → ${last.counter} after ${rounds} × ${opts.clients} parallel increments and one more request: ` +
            `expected ${(first.counter ?? 0) + increments + 1}, ${lost} updates lost`,
        ],
      },
    };
  } finally {
    await agent.close();
  }
}
