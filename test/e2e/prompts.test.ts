import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { engineAvailable, run, workDir } from "./harness.js";
import { Terminal, tmux } from "./terminal.js";

// A missing lab argument on a real terminal (tmux): prompts, driven by keys, read from the screen.
const term = new Terminal(`sl-prompts-${process.pid}`);

describe.skipIf(!tmux)(`prompts on a terminal${tmux ? "" : " (skipped: tmux not on PATH)"}`, () => {
  it("init with no lab asks for lab, manager and Tomcat, then writes that lab", async () => {
    const cwd = await workDir();
    await term.start(cwd, "init", join(cwd, "done"));
    try {
      await term.waitFor("Which lab do you want to copy?");
      await term.keys("Down", "Down", "Down", "Down");
      expect(await term.waitFor("● redis")).toContain("Redis session manager");
      await term.keys("Enter");
      await term.waitFor("Which session manager?");
      await term.keys("Down", "Enter");
      await term.waitFor("Which Tomcat?");
      await term.keys("Down", "Enter");
      await term.waitFor(/lab folder .*sessionlab-redis-lab \(redis\/redisson@tomcat10\.1\)/, 60_000);
      const topo = JSON.parse(readFileSync(join(cwd, "sessionlab-redis-lab", "lab.json"), "utf8"));
      expect(topo).toMatchObject({
        defaultManager: "redisson",
        managers: { redisson: { defaultTomcat: "10.1" } },
      });
    } finally {
      await term.kill();
    }
  });

  it("Ctrl-C at a prompt quits with 130 and writes nothing", async () => {
    const cwd = await workDir();
    const done = join(cwd, "done");
    await term.start(cwd, "init", done);
    try {
      await term.waitFor("Which lab do you want to copy?");
      await term.keys("C-c");
      expect(await term.exitLine(done)).toBe("exit=130");
      expect(existsSync(join(cwd, "sessionlab-memcached-lab"))).toBe(false);
    } finally {
      await term.kill();
    }
  });
});

const available = await engineAvailable();

describe.runIf(tmux && available)("a missing break scenario or config file on a terminal", () => {
  it("break with no scenario asks for one of those that apply to the running lab; Ctrl-C breaks nothing", async () => {
    const cwd = await workDir();
    const up = await run(["up", "memcached", "--port", "18097"], { cwd });
    expect(up.exitCode, up.stderr).toBe(0);
    const done = join(cwd, "done");
    await term.start(cwd, "break", done);
    try {
      const screen = await term.waitFor("How do you want to break memcached?", 60_000);
      expect(screen).toContain("● nbsp-indent (no-break spaces");
      expect(screen).toContain("manager-typo");
      expect(screen).not.toContain("redis-loopback");
      await term.keys("C-c");
      expect(await term.exitLine(done)).toBe("exit=130");
      const v = await run(["verify", "--json"]);
      expect(v.exitCode, v.stdout).toBe(0);
      // diff-config with no files offers the running lab's configs.
      await term.kill();
      const linted = join(cwd, "linted");
      await term.start(cwd, "diff-config", linted);
      await term.waitFor("No files given. Check the running lab's configs in", 30_000);
      await term.keys("Enter");
      await term.waitFor(/✔ 0 errors, 0 warnings, \d+ info in 7 files/, 30_000);
      expect(await term.exitLine(linted)).toBe("exit=0");
    } finally {
      await term.kill();
      await run(["down", "--all"]);
    }
  });
});
