import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workDir } from "./harness.js";
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
