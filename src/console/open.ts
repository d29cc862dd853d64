/**
 * Opens the console: finds the lab (or asks for one and starts it with `up`, with its usual
 * progress), then hands the terminal to ink on the alternate screen until `q` or Ctrl-C. Loaded only
 * when the console opens, so ink and React never slow down other commands.
 */
import { createElement } from "react";
import { Agent } from "undici";
import { chooseLab } from "../commands/choose-lab.js";
import type { LabFlags } from "../commands/lab-options.js";
import { labOptionsOf } from "../commands/lab-options.js";
import { InterruptedError } from "../core/errors.js";
import { color } from "../core/output.js";
import { createProgress } from "../core/progress.js";
import { type LabInstance, listLabs } from "../orchestrator/discover.js";
import { up } from "../orchestrator/up.js";
import { connectRuntime } from "../runtime/connect.js";
import { LABEL_VARIANT } from "../runtime/labels.js";
import type { Runtime } from "../runtime/runtime.js";
import { ProbeClient } from "../verify/client.js";
import { PROBE_PATH } from "../verify/run.js";
import { loadBreakFix } from "./actions.js";
import { ConsoleController, type ConsoleOutcome } from "./controller.js";

export interface ConsoleOptions extends LabFlags {
  /** a running lab's name, or a lab to start (built-in name or folder) */
  lab?: string;
  port: number;
  signal: AbortSignal;
}

/** The lab to show: the one named or the only one running, one picked among several, or a new one. */
async function labToShow(runtime: Runtime, opts: ConsoleOptions): Promise<LabInstance> {
  const labs = (await listLabs(runtime)).filter((l) => l.containers.length > 0);
  const named = opts.lab ? labs.find((l) => l.instance === opts.lab) : undefined;
  if (named) return named;
  if (!opts.lab && labs.length === 1) return labs[0]!;
  if (!opts.lab && labs.length > 1) {
    const p = await import("@clack/prompts");
    const v = await p.select({
      message: "Which lab do you want to watch?",
      options: labs.map((l) => ({ value: l.instance, label: l.instance, hint: l.url })),
    });
    if (p.isCancel(v)) throw new InterruptedError();
    return labs.find((l) => l.instance === v)!;
  }
  // No lab running (or the one named is not): start one, as `up` does.
  const chosen = await chooseLab(opts.lab, { ...opts, json: false }, "start", { askTomcats: true });
  const res = await up({
    ...labOptionsOf(opts),
    ...chosen,
    port: opts.port,
    keep: false,
    resetConfig: false,
    timeoutMs: 120_000,
    signal: opts.signal,
    progress: createProgress(),
    runtime,
  });
  const lab = (await listLabs(runtime)).find((l) => l.instance === res.instance);
  if (!lab) throw new Error(`lab ${res.instance} is not on the engine after up`);
  return lab;
}

const ALT_SCREEN_ON = "\u001b[?1049h\u001b[H";
const ALT_SCREEN_OFF = "\u001b[?1049l";

/** Runs the console; returns the exit code (0 after `q`, 130 after Ctrl-C). */
export async function openConsole(opts: ConsoleOptions): Promise<number> {
  const runtime = await connectRuntime();
  const lab = await labToShow(runtime, opts);
  const { render } = await import("ink");
  const { ConsoleApp } = await import("./app.js");
  const agent = new Agent({ keepAliveTimeout: 1000, connections: 2 });
  const probe = new ProbeClient(`${lab.url}${PROBE_PATH}`, agent, 3000);
  const controller = new ConsoleController({
    runtime,
    client: probe,
    lab: {
      instance: lab.instance,
      variant: lab.containers[0]?.labels[LABEL_VARIANT] ?? lab.kind,
      url: lab.url,
      dir: lab.dir,
    },
    breakFix: loadBreakFix(runtime),
  });
  const out = process.stdout;
  let alt = true;
  const leaveAlt = () => {
    if (alt) out.write(ALT_SCREEN_OFF);
    alt = false;
  };
  // Whatever ends the process, the user's terminal comes back.
  process.once("exit", leaveAlt);
  out.write(ALT_SCREEN_ON);
  const onAbort = () => controller.interrupt();
  opts.signal.addEventListener("abort", onAbort);
  try {
    const app = render(createElement(ConsoleApp, { controller }), { exitOnCtrlC: false });
    await app.waitUntilExit();
  } finally {
    leaveAlt();
    process.off("exit", leaveAlt);
    opts.signal.removeEventListener("abort", onAbort);
  }
  if (controller.busyWith) process.stderr.write(color.dim("waiting for the action under way to finish…\n"));
  await controller.close();
  await agent.close();
  const outcome: ConsoleOutcome = controller.outcome ?? "interrupted";
  process.stdout.write(farewell(outcome, lab));
  return outcome === "interrupted" ? 130 : 0;
}

function farewell(outcome: ConsoleOutcome, lab: LabInstance): string {
  if (outcome === "down") return `${color.green("✔")} lab ${color.bold(lab.instance)} is down\n`;
  const how = outcome === "kept" ? "keeps running" : "is left as it is";
  return `lab ${color.bold(lab.instance)} ${how}: ${color.cyan(lab.url + "/")}   (sessionlab status · sessionlab down)\n`;
}
