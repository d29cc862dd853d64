/**
 * The built CLI as a user runs it, for answers that never reach Docker: bad input must fail at once
 * with exit 2, `error: …` and `fix: …`, and leave nothing behind. DOCKER_HOST points at a socket that
 * does not exist, so even a regression cannot touch a real engine. `npm test` builds first; run alone,
 * this file rebuilds dist/ when a source file is newer.
 */
import { execa } from "execa";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = join(ROOT, "bin", "sessionlab.js");
const NO_ENGINE = "unix:///nonexistent/sessionlab-test.sock";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

beforeAll(async () => {
  const built = join(ROOT, "dist", "cli.js");
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(ROOT, "src")))
    await execa("npm", ["run", "build"], { cwd: ROOT });
}, 120_000);

let cwd = "";
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "sl-cli-"));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

async function sessionlab(args: string[], env: Record<string, string> = {}) {
  const r = await execa("node", [CLI, ...args], {
    cwd,
    env: { NO_COLOR: "1", DOCKER_HOST: NO_ENGINE, ...env },
    reject: false,
    timeout: 15_000,
  });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr), timedOut: r.timedOut };
}

/** exit 2, nothing on stdout, and exactly `error: …` then `fix: …` on stderr. */
function expectBadInput(r: Awaited<ReturnType<typeof sessionlab>>, message: RegExp): void {
  expect(r.timedOut, "the CLI hung").toBe(false);
  expect(r.exitCode, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  const [error, fix, ...rest] = r.stderr.trimEnd().split("\n");
  expect(error).toMatch(message);
  expect(fix).toMatch(/^fix: \S/);
  expect(rest).toEqual([]);
}

describe("bad input to the built CLI: exit 2 at once, one sentence and a fix", () => {
  it.skipIf(!existsSync("/proc/self"))(
    "up --dir under /proc fails before Docker instead of spinning",
    async () => {
      const started = Date.now();
      const r = await sessionlab(["up", "memcached", "--dir", "/proc/nope"]);
      expectBadInput(r, /^error: cannot write to the lab folder \/proc\/nope: /);
      expect(Date.now() - started).toBeLessThan(10_000);
    },
  );

  it("up --dir below a file names the reason and makes nothing", async () => {
    const r = await sessionlab(["up", "memcached", "--dir", "/etc/hostname/lab"]);
    expectBadInput(
      r,
      /^error: cannot write to the lab folder \/etc\/hostname\/lab: a part of the path is a file/,
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it.skipIf(!existsSync("/proc/self"))("init into /proc fails before downloading anything", async () => {
    const r = await sessionlab(["init", "memcached", "/proc/nope"]);
    expectBadInput(r, /^error: cannot write to the lab folder \/proc\/nope: /);
  });

  it("up --jars with no such folder", async () => {
    expectBadInput(
      await sessionlab(["up", "memcached", "--jars", "no-such-dir"]),
      /^error: cannot read the --jars folder no-such-dir: no such folder$/,
    );
  });

  it("bad env twins fail like the flags", async () => {
    expectBadInput(
      await sessionlab(["up", "memcached"], { SESSIONLAB_MAVEN_REPO: "not a url" }),
      /^error: SESSIONLAB_MAVEN_REPO="not a url" must be an http/,
    );
    expectBadInput(
      await sessionlab(["up", "memcached"], { SESSIONLAB_BASE_IMAGE: "Debian Bookworm" }),
      /^error: SESSIONLAB_BASE_IMAGE="Debian Bookworm" is not a Docker image reference/,
    );
  });

  it.each([
    [["verify", "--requests", "3"], /^error: --requests 3 must be a whole number from 20 to 1000$/],
    [["verify", "--clients", "1"], /^error: --clients 1 must be a whole number from 2 to 100$/],
    [["up", "memcached", "--timeout", "1e12"], /^error: --timeout 1e12 must be a number of seconds/],
    [["up", "memcached", "--port", "0"], /^error: --port 0 must be a port number 1-65535$/],
    [["logs", "--tail", "-5"], /^error: --tail -5 must be a whole number/],
    [["status", "../x"], /^error: \.\.\/x is not a lab name$/],
    [["diff-config", "--lab", "./no-such-lab"], /^error: no lab folder \.\/no-such-lab$/],
    [["diff-config", "--kind", "yaml", "x"], /^error: --kind yaml is not one of the choices$/],
    [["up", "memcached", "--nope"], /^error: unknown option '--nope'$/],
    [["init", "memcached", "--tomcats", "9"], /^error: --tomcats 9 must be a whole number from 2 to 5$/],
    [["init", "memcached", "--maven-repo", "x"], /^error: --maven-repo x must be an http/],
  ])("%j", async (args, message) => {
    expectBadInput(await sessionlab(args), message);
  });
});
