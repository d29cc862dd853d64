import { execa } from "execa";
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, workDir } from "./harness.js";

// A missing lab argument on a real terminal (tmux): prompts, driven by keys, read from the screen.
const tmux = (await execa("tmux", ["-V"], { reject: false })).exitCode === 0;
if (!tmux && process.env.CI) throw new Error("CI needs tmux for the terminal tests (.ci/run installs it)");

const session = `sl-prompts-${process.pid}`;
const screen = async () => (await execa("tmux", ["capture-pane", "-p", "-t", session])).stdout;
const keys = (...k: string[]) => execa("tmux", ["send-keys", "-t", session, ...k]);
async function waitFor(text: string | RegExp, ms = 20_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const s = await screen();
    if (typeof text === "string" ? s.includes(text) : text.test(s)) return s;
    if (Date.now() > until) throw new Error(`screen never showed ${String(text)}:\n${s}`);
    await delay(100);
  }
}

/** `sessionlab init` with no lab, in a new tmux session; its exit code goes to `done`. */
async function startInTerminal(cwd: string, done: string): Promise<void> {
  // CI is unset in the terminal: prompts only appear for a person, never in CI pipelines.
  await execa("tmux", [
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "100",
    "-y",
    "30",
    `cd ${cwd} && env -u CI NO_COLOR=1 node ${CLI} init; echo "exit=$?" > ${done}; sleep 60`,
  ]);
}

describe.skipIf(!tmux)(`prompts on a terminal${tmux ? "" : " (skipped: tmux not on PATH)"}`, () => {
  it("init with no lab asks for lab, manager and Tomcat, then writes that lab", async () => {
    const cwd = await workDir();
    const done = join(cwd, "done");
    await startInTerminal(cwd, done);
    try {
      await waitFor("Which lab do you want to copy?");
      await keys("Down", "Down", "Down");
      expect(await waitFor("● redis")).toContain("Redis session manager");
      await keys("Enter");
      await waitFor("Which session manager?");
      await keys("Down", "Enter");
      await waitFor("Which Tomcat?");
      await keys("Down", "Enter");
      await waitFor(/lab folder .*sessionlab-redis-lab \(redis\/redisson@tomcat10\.1\)/, 60_000);
      const topo = JSON.parse(readFileSync(join(cwd, "sessionlab-redis-lab", "lab.json"), "utf8"));
      expect(topo).toMatchObject({
        defaultManager: "redisson",
        managers: { redisson: { defaultTomcat: "10.1" } },
      });
    } finally {
      await execa("tmux", ["kill-session", "-t", session], { reject: false });
    }
  });

  it("Ctrl-C at a prompt quits with 130 and writes nothing", async () => {
    const cwd = await workDir();
    const done = join(cwd, "done");
    await startInTerminal(cwd, done);
    try {
      await waitFor("Which lab do you want to copy?");
      await keys("C-c");
      for (let i = 0; i < 100 && !existsSync(done); i++) await delay(100);
      expect(readFileSync(done, "utf8").trim()).toBe("exit=130");
      expect(existsSync(join(cwd, "sessionlab-memcached-lab"))).toBe(false);
    } finally {
      await execa("tmux", ["kill-session", "-t", session], { reject: false });
    }
  });
});
