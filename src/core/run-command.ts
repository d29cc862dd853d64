import { EXIT_COULD_NOT_RUN, InterruptedError, isSessionlabError } from "./errors.js";

export interface CommandContext {
  json: boolean;
  /** Aborted on Ctrl-C, so long work can stop and clean up. */
  signal: AbortSignal;
}

/**
 * Wraps a command action: runs it with an abort signal tied to SIGINT/SIGTERM, sets the exit code
 * it returns, and turns thrown errors into one clear sentence (or a JSON envelope) and exit 2.
 * Output helpers (chalk) are imported only when needed, so defining commands stays cheap.
 */
export function runCommand<A extends unknown[]>(
  action: (ctx: CommandContext, ...args: A) => Promise<number>,
  jsonOf: (...args: A) => boolean = () => false,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const json = jsonOf(...args);
    const controller = new AbortController();
    // First Ctrl-C: abort, so the command stops and removes what it half made. A second one must not
    // kill that cleanup halfway (it would leave containers behind); a third quits regardless.
    let signals = 0;
    const onSignal = () => {
      signals++;
      if (signals === 1) controller.abort(new InterruptedError());
      else if (signals === 2)
        void import("./output.js").then(({ color }) =>
          process.stderr.write(color.yellow("cleaning up; press Ctrl-C again to quit without it\n")),
        );
      else process.exit(130);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      process.exitCode = await action({ json, signal: controller.signal }, ...args);
    } catch (e) {
      process.exitCode = await reportError(e, json);
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  };
}

export async function reportError(e: unknown, json: boolean): Promise<number> {
  const { color, printJson } = await import("./output.js");
  if (e instanceof InterruptedError) {
    if (json) printJson({ ok: false, error: { message: "interrupted" } });
    else process.stderr.write(color.yellow("interrupted\n"));
    return 130;
  }
  if (isSessionlabError(e)) {
    if (json) printJson({ ok: false, error: { message: e.message, hint: e.hint, details: e.details } });
    else {
      process.stderr.write(`${color.red("error:")} ${e.message}\n`);
      for (const d of e.details ?? []) process.stderr.write(`  ${color.dim(d)}\n`);
      if (e.hint) process.stderr.write(`${color.cyan("fix:")} ${e.hint}\n`);
    }
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  if (json) printJson({ ok: false, error: { message: `unexpected error: ${message}` } });
  else {
    process.stderr.write(`${color.red("unexpected error:")} ${message}\n`);
    if (process.env.SESSIONLAB_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  }
  return EXIT_COULD_NOT_RUN;
}
