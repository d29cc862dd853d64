import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LABEL_LAB, LABEL_NODE } from "../../src/runtime/labels.js";
import { docker, engineAvailable, withCleanEngine } from "./harness.js";
import { Terminal, tmux } from "./terminal.js";

// The console in a real 80×24 terminal (tmux), against the real engine: keys in, screen out.
const engine = await engineAvailable();
const term = new Terminal(`sl-console-${process.pid}`);
const SIZE = { columns: 80, rows: 24 };

interface Row {
  n: number;
  node: string;
  id: string;
  counter: number;
  outcome: string;
}

/** The request table's rows on the screen (the id's base and its -node.route suffix, joined). */
function rowsOn(screen: string): Row[] {
  const rows: Row[] = [];
  for (const line of screen.split("\n")) {
    const m = /^\s*(\d+) (tomcat\d)\s+([0-9A-F]{16,}\S*)\s+(\d+) (ok|new session|moved|LOST|counter)/.exec(
      line,
    );
    if (m) rows.push({ n: Number(m[1]), node: m[2]!, id: m[3]!, counter: Number(m[4]), outcome: m[5]! });
  }
  return rows;
}
const base = (id: string) => id.split(/[-.]/)[0];

async function containerStates(lab: string): Promise<Record<string, string>> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_LAB}=${lab}`] } });
  return Object.fromEntries(list.map((c) => [c.Labels[LABEL_NODE] ?? c.Names[0], c.State]));
}

describe.skipIf(!engine || !tmux)(
  `the console${engine && tmux ? "" : " (skipped: needs a Docker engine and tmux)"}`,
  () => {
    const cwd = withCleanEngine();

    it("starts a lab from the prompts, shows one session across Tomcats, survives tomcat2 stopping, quits keeping the lab", async () => {
      const done = join(cwd(), "done-1");
      await term.start(cwd(), "", done, SIZE);
      try {
        await term.waitFor("Which lab do you want to start?");
        await term.keys("Enter"); // memcached, the first
        await term.waitFor("How many Tomcats behind nginx?");
        await term.keys("Enter"); // the lab's 2
        // Requests alternate Tomcats and keep one session id, its counter going up by one.
        const live = await term.waitFor((s) => {
          const r = rowsOn(s);
          return new Set(r.map((x) => x.node)).size === 2 && r.length >= 4;
        }, 180_000);
        expect(live).toMatch(/tomcat1 ● running {2}tomcat2 ● running/);
        const first = rowsOn(live);
        expect(new Set(first.map((r) => base(r.id))).size).toBe(1);
        expect(first.slice(1).every((r) => r.outcome === "ok")).toBe(true);

        // 2 stops tomcat2: the header says so in words, and the session carries on, on tomcat1 alone.
        await term.keys("2");
        const stopped = await term.waitFor("tomcat2 ○ stopped", 30_000);
        const after = Math.max(...rowsOn(stopped).map((r) => r.n));
        const later = await term.waitFor((s) => rowsOn(s).filter((r) => r.n > after).length >= 4, 30_000);
        const since = rowsOn(later).filter((r) => r.n > after);
        expect(since.map((r) => r.node)).toEqual(since.map(() => "tomcat1"));
        expect(since.map((r) => r.outcome)).toEqual(since.map(() => "ok"));
        expect(new Set(since.map((r) => base(r.id)))).toEqual(new Set([base(first[0]!.id)]));

        // c runs diff-config on the lab's own files: nothing wrong.
        await term.keys("c");
        expect(await term.waitFor("error(s),", 30_000)).toContain("0 error(s), 0 warning(s)");
        await term.keys("Escape");
        await term.waitFor("COUNTER");

        // b and f are the break/fix layer's; until it is wired they say so.
        await term.keys("b");
        await term.waitFor("break/fix: not available in this build");

        // q asks about the lab; k keeps it, as it is (tomcat2 still stopped).
        await term.keys("q");
        await term.waitFor("What about the lab?");
        await term.keys("k");
        expect(await term.exitLine(done)).toBe("exit=0");
        expect(await term.screen()).toContain("lab memcached keeps running");
        expect(await containerStates("memcached")).toEqual({
          nginx: "running",
          tomcat1: "running",
          tomcat2: "exited",
          memcached: "running",
        });
      } finally {
        await term.kill();
      }
    });

    it("console LAB opens the running lab; Ctrl-C leaves it as it is, q then d takes it down", async () => {
      const before = await containerStates("memcached");
      const interrupted = join(cwd(), "done-2");
      await term.start(cwd(), "console memcached", interrupted, SIZE);
      try {
        await term.waitFor((s) => rowsOn(s).length >= 1, 30_000);
        await term.keys("C-c");
        expect(await term.exitLine(interrupted)).toBe("exit=130");
        expect(await term.screen()).toContain("lab memcached is left as it is");
        expect(await containerStates("memcached")).toEqual(before);
      } finally {
        await term.kill();
      }

      const done = join(cwd(), "done-3");
      await term.start(cwd(), "console memcached", done, SIZE);
      try {
        await term.waitFor("COUNTER", 30_000);
        await term.keys("q");
        await term.waitFor("What about the lab?");
        await term.keys("d");
        expect(await term.exitLine(done, 60_000)).toBe("exit=0");
        expect(await term.screen()).toContain("lab memcached is down");
        expect(await containerStates("memcached")).toEqual({});
      } finally {
        await term.kill();
      }
    });
  },
);
