import Docker from "dockerode";
import { execa, type ResultPromise } from "execa";
import { mkdtemp } from "node:fs/promises";
import { afterAll, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** End-to-end tests drive the built CLI exactly as a user would, against the real Docker engine. */
export const CLI = fileURLToPath(new URL("../../bin/sessionlab.js", import.meta.url));

export const docker = new Docker();

/** In CI the engine must be there (tests may not skip silently); locally, no engine skips them. */
export async function engineAvailable(): Promise<boolean> {
  try {
    await docker.ping();
    return true;
  } catch (e) {
    if (process.env.CI)
      throw new Error(`CI needs a Docker engine for the end-to-end tests: ${(e as Error).message}`);
    return false;
  }
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function workDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "sessionlab-e2e-"));
}

export function sessionlab(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): ResultPromise {
  return execa("node", [CLI, ...args], {
    cwd: opts.cwd,
    env: { NO_COLOR: "1", ...opts.env },
    reject: false,
    timeout: 230_000,
  });
}

export async function run(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const r = await sessionlab(args, opts);
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export async function labelled(lab?: string): Promise<{ containers: string[]; networks: string[] }> {
  const label = lab ? [`io.sessionlab.lab=${lab}`] : ["io.sessionlab.managed=true"];
  const containers = await docker.listContainers({ all: true, filters: { label } });
  const networks = await docker.listNetworks({ filters: { label } });
  return { containers: containers.map((c) => c.Names[0] ?? c.Id), networks: networks.map((n) => n.Name) };
}

/**
 * For a describe block that owns the engine: starts with no sessionlab lab and leaves none behind.
 * Returns a getter for the working folder (labs render their configs below it).
 */
export function withCleanEngine(): () => string {
  let cwd = "";
  beforeAll(async () => {
    cwd = await workDir();
    await run(["down", "--all"]);
  });
  afterAll(async () => {
    await run(["down", "--all"]);
  });
  return () => cwd;
}

/** The lab commands' --json envelope: `{"ok": …, "result": …}`; returns the result (any: tests read fields). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonResult(stdout: string): any {
  const env = JSON.parse(stdout) as { ok?: boolean; result?: unknown; error?: unknown };
  if (typeof env.ok !== "boolean" || !("result" in env || "error" in env))
    throw new Error(`not the --json envelope: ${stdout.slice(0, 200)}`);
  return env.result ?? env.error;
}

/** verify --json's report, as far as the tests read it. */
export type Report = {
  target: { page: string };
  checks: Array<{ id: string; status: string; summary: string; evidence: string[] }>;
  requests: Array<{ node?: string }>;
};

/** Each check's status by id, e.g. { "one-session": "fail", … }. */
export const statuses = (r: Report): Record<string, string> =>
  Object.fromEntries(r.checks.map((c) => [c.id, c.status]));

export const ALL_PASS = {
  containers: "pass",
  "both-nodes": "pass",
  "one-session": "pass",
  counter: "pass",
  "in-store": "pass",
  parallel: "pass",
};
