/**
 * Break and fix, as one small API the `break` / `fix` commands and the console's `b` / `f` keys share.
 * Nothing here prints: every function returns a structured report.
 *
 * - `listBreaks({ lab })`: the scenarios, each with whether it applies to the running lab and why not.
 * - `applyBreak({ scenario, lab })`: edits the running lab's rendered configs the way people break
 *   them (a backup of each file first, `<file>.before-break`), restarts what reads them, and reports
 *   the symptom (verify's failing checks, a container that died or stopped serving, with its log line)
 *   and the diff-config findings that name the cause at file:line:column.
 * - `fixLab({ lab })`: re-renders the lab's known-good files with the code `up` uses, keeps the
 *   user's differing files as `<file>.bak`, recreates a Tomcat whose lib/ lost a jar, restarts what
 *   changed, and runs verify.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { EXIT_COULD_NOT_RUN, SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import { createProgress } from "../core/progress.js";
import { LabPaths } from "../labs/lab-paths.js";
import { type LabInstance, nodeOf } from "../orchestrator/discover.js";
import { type SettledRestart, restartSettled, tellPeers } from "../orchestrator/restart.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import type { CheckResult } from "../verify/checks.js";
import { runningLab } from "./facts.js";
import { copyTomcatLib } from "./container-lib.js";
import type { BreakScenario, Expectation, LabFacts } from "./scenario.js";
import { EditNotPossible } from "./scenario.js";
import { BREAKS } from "./scenarios/index.js";

export { BREAKS } from "./scenarios/index.js";
export type { BreakScenario, LabFacts } from "./scenario.js";
export { fixLab, type FixOptions, type FixReport } from "./fix.js";

/** A scenario as listed: its metadata, and for a running lab whether it applies. */
export interface BreakInfo {
  name: string;
  summary: string;
  appliesTo: string;
  edits: string;
  symptom: string;
  expect: Expectation;
  rule: string;
  /** undefined when no lab was given or found */
  applies?: boolean;
  /** why it does not apply to this lab */
  notApplicable?: string;
}

export interface BreakList {
  /** the lab the applicability is for */
  lab?: string;
  breaks: BreakInfo[];
}

/** One diff-config finding, with its file relative to the lab folder. */
export interface BreakFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
  fix: string;
}

export interface BreakReport {
  /** true when the lab behaved as the scenario predicts and diff-config named the cause */
  ok: boolean;
  lab: string;
  dir: string;
  scenario: string;
  summary: string;
  edits: string;
  /** files edited, relative to the lab folder, each with its backup */
  edited: Array<{ file: string; backup: string }>;
  /** commands run inside containers */
  exec: Array<{ node: string; command: string; exitCode: number }>;
  restarted: SettledRestart[];
  symptom: {
    expected: string;
    expect: Expectation;
    /** the prediction held */
    seen: boolean;
    verifyOk: boolean;
    failedChecks: Array<Pick<CheckResult, "id" | "title" | "summary" | "evidence">>;
    /** containers that died or stopped serving, with the log line that says why */
    nodes: Array<{ node: string; state: SettledRestart["state"]; logLine?: string }>;
  };
  rule: string;
  /** findings of the scenario's rule: the cause, at file:line:column */
  cause: BreakFinding[];
  /** every error and warning diff-config reports on the lab's configs now */
  findings: BreakFinding[];
  seconds: number;
}

export interface BreakOptions {
  scenario: string;
  /** the lab instance (default: the only one) */
  lab?: string;
  runtime?: Runtime;
  signal?: AbortSignal;
  progress?: Progress;
}

/** The scenarios with their metadata and, given a lab's facts, whether each applies. */
export function breaksFor(facts?: LabFacts): BreakInfo[] {
  return BREAKS.map((b) => {
    const why = facts && b.notApplicable(facts);
    return {
      name: b.name,
      summary: b.summary,
      appliesTo: b.appliesTo,
      edits: b.edits,
      symptom: b.symptom,
      expect: b.expect,
      rule: b.rule,
      ...(facts ? { applies: !why, ...(why ? { notApplicable: why } : {}) } : {}),
    };
  });
}

/** The scenarios, and whether each applies to the running lab (all of them when no lab exists and none is named). */
export async function listBreaks(opts: { lab?: string; runtime?: Runtime } = {}): Promise<BreakList> {
  try {
    const { lab, facts } = await runningLab(opts.lab, opts.runtime);
    return { lab: lab.instance, breaks: breaksFor(facts) };
  } catch (e) {
    if (opts.lab || !(e instanceof SessionlabError) || !/no sessionlab lab exists/.test(e.message)) throw e;
    return { breaks: breaksFor() };
  }
}

/** The scenario by name, refusing unknown ones and ones that do not apply to this lab (exit 2). */
export function scenarioFor(name: string, facts: LabFacts, instance: string): BreakScenario {
  const s = BREAKS.find((b) => b.name === name);
  const applicable = breaksFor(facts).filter((b) => b.applies);
  if (!s)
    throw new SessionlabError(
      `unknown break scenario "${name}"`,
      `for lab ${instance} choose one of: ${applicable.map((b) => b.name).join(", ")} (see \`sessionlab break --list\`)`,
    );
  const why = s.notApplicable(facts);
  if (why)
    throw new SessionlabError(
      `break ${s.name} does not apply to lab ${instance} (${facts.lab}/${facts.manager}): ${why}`,
      `it applies to ${s.appliesTo}; for this lab choose one of: ${applicable.map((b) => b.name).join(", ")}`,
    );
  return s;
}

const containerOf = (lab: LabInstance, node: string): LabContainer => {
  const c = lab.containers.find((x) => nodeOf(x) === node);
  if (!c)
    throw new SessionlabError(`lab ${lab.instance} has no node ${node}`, "recreate it with `sessionlab up`");
  return c;
};

/** The line of a log that says why a node failed, if there is one. */
export function telltaleLine(log: string[]): string | undefined {
  return (
    log.find((l) => /Exception|\[emerg\]|SEVERE|Could not|Unable to/.test(l)) ??
    log.find((l) => /error|ERROR|Error/.test(l))
  );
}

export async function applyBreak(opts: BreakOptions): Promise<BreakReport> {
  const started = performance.now();
  const progress = opts.progress ?? createProgress({ quiet: true });
  const { runtime, lab, facts } = await runningLab(opts.lab, opts.runtime);
  const scenario = scenarioFor(opts.scenario, facts, lab.instance);
  const down = lab.containers.filter((c) => c.state !== "running");
  if (down.length)
    throw new SessionlabError(
      `lab ${lab.instance} is not running whole: ${down.map((c) => `${c.name} is ${c.state}`).join(", ")}`,
      "run `sessionlab fix` (or `sessionlab up`) first",
    );
  const paths = new LabPaths(lab.dir);
  const plan = scenario.plan(facts);

  progress.step(`break ${scenario.name}: ${scenario.edits}`);
  const edits: Array<{ path: string; text: string }> = [];
  try {
    for (const f of plan.files) {
      const path = f.path(paths);
      edits.push({ path, text: f.edit(await readFile(path, "utf8")) });
    }
  } catch (e) {
    progress.fail();
    if (!(e instanceof EditNotPossible)) throw e;
    throw new SessionlabError(
      `cannot apply ${scenario.name} to lab ${lab.instance}: ${e.message} (its configs were changed)`,
      "run `sessionlab fix` to restore the lab's files, then break it again",
      EXIT_COULD_NOT_RUN,
    );
  }
  const edited: BreakReport["edited"] = [];
  for (const e of edits) {
    const backup = `${e.path}.before-break`;
    await copyFile(e.path, backup);
    // Written in place: the file is bind-mounted, a new inode would not reach the container.
    await writeFile(e.path, e.text);
    edited.push({ file: relative(lab.dir, e.path), backup: relative(lab.dir, backup) });
  }
  const exec: BreakReport["exec"] = [];
  for (const x of plan.exec) {
    const r = await runtime.exec(containerOf(lab, x.node).id, x.cmd, { user: x.user });
    exec.push({ node: x.node, command: x.cmd.join(" "), exitCode: r.exitCode });
    if (r.exitCode !== 0)
      throw new SessionlabError(
        `\`${x.cmd.join(" ")}\` failed in ${x.node}: ${(r.stderr || r.stdout).trim()}`,
        "run `sessionlab fix` to put the lab back",
      );
  }
  progress.done(
    `${edited.length} file(s) edited${exec.length ? `, ${exec.length} command(s) run in containers` : ""}`,
  );

  progress.step(`restarting ${plan.restart.join(", ")}`);
  const restartedContainers = plan.restart.map((n) => containerOf(lab, n));
  const restarted = await Promise.all(restartedContainers.map((c) => restartSettled(runtime, lab, c)));
  // nginx looks restarted Tomcats up anew; a broken nginx has nothing to reload.
  await tellPeers(runtime, lab, restartedContainers).catch(() => undefined);
  progress.done(restarted.map((r) => `${r.node} ${r.state}`).join(", "));

  progress.step("verify: is the session still shared?");
  const { verify } = await import("../verify/run.js");
  const report = await verify({
    lab: lab.instance,
    requests: 20,
    clients: 8,
    requestsPerClient: 5,
    signal: opts.signal,
  });
  progress.done(report.ok ? "passes" : "fails");

  progress.step("diff-config on the lab's configs");
  const findings = await lintLab(runtime, lab, scenario, facts);
  const cause = findings.filter((f) => f.rule === scenario.rule);
  progress.done(`${findings.length} finding(s), ${cause.length} by ${scenario.rule}`);

  const seen = scenario.expect === "verify-fails" ? !report.ok : report.ok;
  return {
    ok: seen && cause.length > 0,
    lab: lab.instance,
    dir: lab.dir,
    scenario: scenario.name,
    summary: scenario.summary,
    edits: scenario.edits,
    edited,
    exec,
    restarted,
    symptom: {
      expected: scenario.symptom,
      expect: scenario.expect,
      seen,
      verifyOk: report.ok,
      failedChecks: report.checks
        .filter((c) => c.status === "fail")
        .map(({ id, title, summary, evidence }) => ({ id, title, summary, evidence })),
      nodes: restarted
        .filter((r) => r.state !== "ready")
        .map((r) => ({ node: r.node, state: r.state, logLine: telltaleLine(r.log) })),
    },
    rule: scenario.rule,
    cause,
    findings,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * diff-config's lint over the lab folder. For what lives in the image (lib/ jars), a CATALINA_BASE made
 * of tomcat1's conf/ and the lib/ copied out of its container, reported under the lab folder's paths.
 */
async function lintLab(
  runtime: Runtime,
  lab: LabInstance,
  scenario: BreakScenario,
  facts: LabFacts,
): Promise<BreakFinding[]> {
  const { lintFiles } = await import("../diff-config/index.js");
  const keep = (f: { severity: string }) => f.severity === "error" || f.severity === "warning";
  const out: BreakFinding[] = [];
  const report = await lintFiles([lab.dir], { diff: false });
  for (const file of report.files)
    for (const f of file.findings.filter(keep)) out.push(finding(relative(lab.dir, file.path), f));
  if (scenario.plan(facts).exec.length === 0) return out;
  const node = facts.tomcats[0]!;
  const base = await mkdtemp(join(tmpdir(), "sessionlab-break-"));
  try {
    const paths = new LabPaths(lab.dir);
    await copyTomcatLib(runtime, containerOf(lab, node).id, join(base, "lib"));
    await mkdir(join(base, "conf"));
    for (const f of ["server.xml", "context.xml"])
      await copyFile(paths.confFile(node, f), join(base, "conf", f));
    const r = await lintFiles([base], { diff: false });
    for (const file of r.files) {
      const rel = relative(lab.dir, paths.confFile(node, relative(join(base, "conf"), file.path)));
      for (const f of file.findings.filter(keep)) {
        if (f.rule === "catalina-jars" || f.rule === "catalina-compat")
          out.push(finding(rel, { ...f, message: f.message.split(base).join(`${node}:/opt/tomcat`) }));
      }
    }
  } finally {
    await rm(base, { recursive: true, force: true });
  }
  return out;
}

function finding(
  file: string,
  f: { line: number; column: number; rule: string; severity: string; message: string; fix: string },
): BreakFinding {
  return {
    file: file.split(sep).join("/"),
    line: f.line,
    column: f.column,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    fix: f.fix,
  };
}
