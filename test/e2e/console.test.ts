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
/** The newest request number in the table, whatever its outcome (0: none on screen). */
const lastRequest = (screen: string) =>
  Math.max(0, ...screen.split("\n").map((l) => Number(/^\s*(\d+) (?:tomcat\d|\?) /.exec(l)?.[1] ?? 0)));
const base = (id: string) => id.split(/[-.]/)[0];

/** Pages down a report until the screen shows `re` (fails at its last page or after `ms`). */
async function scrollUntil(re: RegExp, ms = 15_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const s = await term.screen();
    if (re.test(s)) return s;
    const at = /lines (\d+)-(\d+) of (\d+)/.exec(s);
    if (!at || at[2] === at[3] || Date.now() > until) throw new Error(`the report never showed ${re}:\n${s}`);
    await term.keys("PageDown");
    await term.waitFor((x) => /lines (\d+)-/.exec(x)?.[1] !== at[1]);
  }
}

async function containerStates(lab: string): Promise<Record<string, string>> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_LAB}=${lab}`] } });
  return Object.fromEntries(list.map((c) => [c.Labels[LABEL_NODE] ?? c.Names[0], c.State]));
}

describe.skipIf(!engine || !tmux)(
  `the console${engine && tmux ? "" : " (skipped: needs a Docker engine and tmux)"}`,
  () => {
    const cwd = withCleanEngine();

    it("starts a lab from the prompts, shows one session across Tomcats, survives tomcat2 stopping, breaks and fixes it, quits keeping the lab", async () => {
      const done = join(cwd(), "done-1");
      await term.start(cwd(), "", done, SIZE);
      try {
        await term.waitFor("Which lab do you want to start?");
        await term.keys("Down"); // memcached, after cluster
        await term.waitFor("● memcached");
        await term.keys("Enter");
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

        // b breaks from a whole lab only: it says so, 2 starts tomcat2 again (waiting until it serves).
        await term.keys("b");
        await term.waitFor("break starts from a running lab: tomcat2 stopped");
        await term.keys("2");
        await term.waitFor("tomcat2 started", 120_000);

        // b offers the scenarios that apply to this lab (none of Redis's), Enter breaks the first.
        await term.keys("b");
        const picker = await term.waitFor("Break the lab how?", 30_000);
        expect(picker).toMatch(/› nbsp-indent +no-break spaces pasted/);
        expect(picker).toContain("manager-typo");
        expect(picker).not.toContain("redis-loopback");
        await term.keys("Enter");
        // While it restarts the Tomcats the header says so, and the live client keeps requesting.
        const mid = await term.waitFor(/tomcat1 ◐ restarting…/, 30_000);
        const midRequest = lastRequest(mid);
        const report = await term.waitFor(" break nbsp-indent ", 180_000);
        // The report: the symptom first (verify's failing checks), further down the cause at file:line:column.
        expect(report).toContain("last: break nbsp-indent verify FAIL");
        expect(report).toContain("symptom — expected:");
        await scrollUntil(/FAIL {2}\S/);
        await scrollUntil(/tomcat[12]\/conf\/context\.xml:\d+:\d+ {2}error {2}.*U\+00A0/);
        // Behind it the live client went on, and meets the broken Tomcats.
        await term.keys("Escape");
        const live2 = await term.waitFor((s) => lastRequest(s) > midRequest + 2, 30_000);
        expect(live2).toMatch(/ error /);

        // c names the same cause in the lab's files as they are now.
        await term.keys("c");
        const lint = await term.waitFor("error(s),", 30_000);
        expect(lint).not.toContain("0 error(s)");
        await scrollUntil(/tomcat[12]\/conf\/context\.xml:\d+:\d+ {2}error {2}.*U\+00A0/);
        await term.keys("Escape");
        await term.waitFor("COUNTER");

        // f restores the known-good files, restarts, and verify passes; the header agrees.
        await term.keys("f");
        const fixed = await term.waitFor(" fix ", 180_000);
        expect(fixed).toContain("restored   tomcat1/conf/context.xml");
        expect(fixed).toContain("✔ the lab is whole: verify passes");
        expect(fixed).toContain("last: fix verify PASS");
        expect(fixed).toMatch(/tomcat1 ● running {2}tomcat2 ● running/);
        await term.keys("Escape");
        await term.waitFor("COUNTER");

        // q asks about the lab; k keeps it, as it is (whole again).
        await term.keys("q");
        await term.waitFor("What about the lab?");
        await term.keys("k");
        expect(await term.exitLine(done)).toBe("exit=0");
        expect(await term.screen()).toContain("lab memcached keeps running");
        expect(await containerStates("memcached")).toEqual({
          nginx: "running",
          tomcat1: "running",
          tomcat2: "running",
          memcached: "running",
        });
      } finally {
        await term.kill();
      }
    }, 480_000);

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
