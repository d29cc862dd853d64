import ora, { type Ora } from "ora";
import { color } from "./output.js";

export interface Progress {
  /** Start a step; on a TTY a spinner, otherwise one plain line. */
  step(text: string): void;
  /** Mark the current step done, with an optional detail. */
  done(detail?: string): void;
  fail(detail?: string): void;
  info(text: string): void;
  warn(text: string): void;
}

export interface ProgressOptions {
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
}

export function createProgress(opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet) {
    return { step() {}, done() {}, fail() {}, info() {}, warn() {} };
  }
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let current = "";
  let started = 0;
  let spinner: Ora | undefined;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const line = (s: string) => {
    stream.write(s + "\n");
  };
  return {
    step(text) {
      current = text;
      started = Date.now();
      if (tty) spinner = ora({ text, stream }).start();
      else line(`… ${text}`);
    },
    done(detail) {
      const msg = `${current}${detail ? ` ${color.dim(`(${detail})`)}` : ""} ${color.dim(elapsed())}`;
      if (spinner) spinner.succeed(msg);
      else line(`${color.green("✔")} ${msg}`);
      spinner = undefined;
    },
    fail(detail) {
      const msg = `${current}${detail ? `: ${detail}` : ""}`;
      if (spinner) spinner.fail(msg);
      else line(`${color.red("✖")} ${msg}`);
      spinner = undefined;
    },
    info(text) {
      if (spinner) spinner.clear();
      line(`${color.blue("ℹ")} ${text}`);
      spinner?.render();
    },
    warn(text) {
      if (spinner) spinner.clear();
      line(`${color.yellow("⚠")} ${text}`);
      spinner?.render();
    },
  };
}
