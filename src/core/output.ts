import chalk, { Chalk } from "chalk";

/**
 * All human output goes to stderr except a command's result, so `--json` keeps stdout clean.
 * Colour follows chalk's detection, which honours NO_COLOR and FORCE_COLOR. The spinner (ora) lives
 * in progress.ts so that commands printing only results do not load it.
 */
export const color: typeof chalk = process.env.NO_COLOR ? new Chalk({ level: 0 }) : chalk;

export type { Progress, ProgressOptions } from "./progress.js";

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
