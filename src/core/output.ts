import chalk, { Chalk } from "chalk";
import ora, { type Ora } from "ora";

/**
 * All human output goes to stderr except a command's result, so `--json` keeps stdout clean.
 * Colour follows chalk's detection, which honours NO_COLOR and FORCE_COLOR.
 */
export const color: typeof chalk = process.env.NO_COLOR ? new Chalk({ level: 0 }) : chalk;

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

/** Print a command's machine-readable result on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

/**
 * The one `--json` envelope of the lab commands (up, verify, status, down, …):
 * `{"ok": true|false, "result": …}`; errors are `{"ok": false, "error": {message, hint, details}}`.
 */
export function printResult(ok: boolean, result: unknown): void {
  printJson({ ok, result });
}

/** Render rows as a plain aligned table (no borders, so it copies cleanly). */
export function formatTable(header: string[], rows: string[][]): string {
  // eslint-disable-next-line no-control-regex
  const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");
  const widths = header.map((h, i) =>
    Math.max(strip(h).length, ...rows.map((r) => strip(r[i] ?? "").length)),
  );
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === r.length - 1 ? c : c + " ".repeat((widths[i] ?? 0) - strip(c).length))).join("  ");
  return [color.bold(fmt(header)), ...rows.map(fmt)].join("\n");
}
