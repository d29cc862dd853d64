/**
 * What the console's keys do to the lab, each a thin call into the modules the commands use
 * (orchestrator, verify, drill, diff-config, runtime). Results come back as text lines for the screen,
 * formatted by the commands' own formatters, so the console and the commands say the same thing.
 */
import { color } from "../core/output.js";
import type { Progress } from "../core/output.js";
import { DRILLS, type DrillName } from "../labs/lab-names.js";
import { type LabInstance, nodeOf, resolveLab } from "../orchestrator/discover.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import type { LastResult, PickOption } from "./model.js";

export interface ActionResult {
  title: string;
  lines: string[];
  /** show the end first (a log) */
  fromEnd?: boolean;
  /** for the header: the last verify or drill */
  last?: LastResult;
}

/** The lab as it is now on the engine (states change under the console). */
export async function currentLab(runtime: Runtime, instance: string): Promise<LabInstance> {
  return resolveLab(runtime, instance);
}

function containerOf(lab: LabInstance, node: string): LabContainer {
  const c = lab.containers.find((x) => nodeOf(x) === node);
  if (!c) throw new Error(`lab ${lab.instance} has no node ${node}`);
  return c;
}

/** Stops a running node (as `docker stop` would), or starts a stopped one and waits until it is ready. */
export async function toggleNode(
  runtime: Runtime,
  instance: string,
  node: string,
): Promise<"stopped" | "started"> {
  const lab = await currentLab(runtime, instance);
  const c = containerOf(lab, node);
  if ((await runtime.containerState(c.id)).running) {
    await runtime.stopContainer(c.id);
    return "stopped";
  }
  const { startAndWait } = await import("../orchestrator/restart.js");
  await startAndWait(runtime, lab, c);
  return "started";
}

export async function runVerify(instance: string, signal: AbortSignal): Promise<ActionResult> {
  const [{ verify }, { formatVerifyReport }] = await Promise.all([
    import("../verify/run.js"),
    import("../verify/format.js"),
  ]);
  const r = await verify({ lab: instance, requests: 20, clients: 8, requestsPerClient: 5, signal });
  const failed = r.checks.filter((c) => c.status === "fail");
  return {
    title: "verify",
    lines: formatVerifyReport(r).trimEnd().split("\n"),
    last: {
      what: "verify",
      ok: r.ok,
      summary: r.ok
        ? `PASS ${r.checks.length} checks (${r.seconds.toFixed(1)}s)`
        : `FAIL ${failed.map((c) => c.id).join(", ")}`,
    },
  };
}

export async function drillOptions(): Promise<PickOption[]> {
  const { drillSummary } = await import("../drill/run.js");
  return DRILLS.map((d) => ({ value: d, label: d, hint: drillSummary(d) }));
}

export async function runDrill(
  instance: string,
  name: DrillName,
  signal: AbortSignal,
  onStep: (text: string) => void,
): Promise<ActionResult> {
  const [{ drill }, { formatDrillReport }] = await Promise.all([
    import("../drill/run.js"),
    import("../drill/format.js"),
  ]);
  const progress: Progress = {
    step: onStep,
    done() {},
    fail() {},
    info: onStep,
    warn: onStep,
  };
  const r = await drill({
    lab: instance,
    scenarios: [name],
    clients: 8,
    windowMs: 3000,
    strict: false,
    signal,
    progress,
  });
  const res = r.results[0];
  return {
    title: `drill ${name}`,
    lines: formatDrillReport(r).trimEnd().split("\n"),
    last: {
      what: `drill ${name}`,
      ok: r.ok,
      summary: res?.notApplicable ? "not applicable" : (res?.verdict ?? (r.ok ? "ok" : "failed")),
    },
  };
}

/** diff-config over the lab folder's files as they are now, with the diff against the lab's own. */
export async function runDiffConfig(dir: string): Promise<ActionResult> {
  const [{ lintFiles }, { formatStylish }] = await Promise.all([
    import("../diff-config/index.js"),
    import("../diff-config/formatters/stylish.js"),
  ]);
  const report = await lintFiles([dir], { diff: true });
  // Paths inside the lab folder are shown relative to it: the title names the folder once.
  const text = formatStylish(report, color, { diff: true }).trimEnd().replaceAll(`${dir}/`, "");
  const counts = `${report.errorCount} error(s), ${report.warningCount} warning(s) in ${report.files.length} files`;
  return { title: `diff-config ${dir}`, lines: [counts, "", ...(text ? text.split("\n") : [])] };
}

export async function readLog(runtime: Runtime, instance: string, node: string): Promise<ActionResult> {
  const lab = await currentLab(runtime, instance);
  const text = await runtime.logText(containerOf(lab, node).id, 500);
  return { title: `log of ${node} (last 500 lines)`, lines: text.trimEnd().split("\n"), fromEnd: true };
}

export async function takeDown(runtime: Runtime, instance: string): Promise<void> {
  const { teardown } = await import("../orchestrator/down.js");
  await teardown(runtime, instance);
}

/** What break/fix tells the screen while it runs: its step, and which nodes it is restarting now. */
export interface BreakFixProgress {
  step(text: string): void;
  /** the nodes being restarted (none: the restart is over, the engine's states hold again) */
  restarting(nodes: string[]): void;
}

/**
 * The break/fix seam. `b` and `f` call only this: the scenarios to offer, applying one, and fixing the
 * lab. `undefined` means this build has no break/fix layer, and the keys say so.
 */
export interface BreakFix {
  scenarios(instance: string): Promise<PickOption[]>;
  apply(
    instance: string,
    scenario: string,
    signal: AbortSignal,
    progress: BreakFixProgress,
  ): Promise<ActionResult>;
  fix(instance: string, signal: AbortSignal, progress: BreakFixProgress): Promise<ActionResult>;
}

export const BREAK_FIX_UNAVAILABLE = "break/fix: not available in this build";

/**
 * break/fix's progress as the screen wants it. Its restart step ("restarting tomcat1, tomcat2", a
 * recreated one with " (recreated)") names the nodes; they are restarting until the step ends.
 */
export function breakFixProgress(p: BreakFixProgress): Progress {
  const over = () => p.restarting([]);
  return {
    step(text) {
      p.step(text);
      const m = /^restarting (.+)$/.exec(text);
      p.restarting(m ? m[1]!.split(", ").map((n) => n.replace(/ \(recreated\)$/, "")) : []);
    },
    done: over,
    fail: over,
    info: p.step,
    warn: p.step,
  };
}

/** The verdict of the verify a break or fix ran, for the header. */
function verifyVerdict(what: string, ok: boolean, failed: Array<{ id: string }>): LastResult {
  return { what, ok, summary: ok ? "verify PASS" : `verify FAIL ${failed.map((c) => c.id).join(", ")}` };
}

/** `b` and `f` over src/breaks (the `break` and `fix` commands' own calls and formatters), loaded when used. */
export function loadBreakFix(runtime: Runtime): BreakFix {
  const load = () => Promise.all([import("../breaks/index.js"), import("../breaks/format.js")]);
  return {
    async scenarios(instance) {
      const [{ listBreaks }] = await load();
      const list = await listBreaks({ lab: instance, runtime });
      return list.breaks
        .filter((b) => b.applies !== false)
        .map((b) => ({ value: b.name, label: b.name, hint: b.summary }));
    },
    async apply(instance, scenario, signal, progress) {
      const [{ applyBreak }, { formatBreakReport }] = await load();
      const r = await applyBreak({
        scenario,
        lab: instance,
        runtime,
        signal,
        progress: breakFixProgress(progress),
      });
      return {
        title: `break ${scenario}`,
        lines: formatBreakReport(r).trimEnd().split("\n"),
        last: verifyVerdict(`break ${scenario}`, r.symptom.verifyOk, r.symptom.failedChecks),
      };
    },
    async fix(instance, signal, progress) {
      const [{ fixLab }, { formatFixReport }] = await load();
      const r = await fixLab({ lab: instance, runtime, signal, progress: breakFixProgress(progress) });
      return {
        title: "fix",
        lines: formatFixReport(r).trimEnd().split("\n"),
        last: verifyVerdict("fix", r.ok, r.verify?.failedChecks ?? []),
      };
    },
  };
}
