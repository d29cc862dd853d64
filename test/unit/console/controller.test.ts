import { afterEach, describe, expect, it } from "vitest";
import {
  BREAK_FIX_UNAVAILABLE,
  type ActionResult,
  type BreakFix,
  type BreakFixProgress,
  breakFixProgress,
} from "../../../src/console/actions.js";
import { ConsoleController, type LiveClient } from "../../../src/console/controller.js";
import { LABEL_LAB, LABEL_MANAGED, LABEL_NODE, LABEL_ROLE } from "../../../src/runtime/labels.js";
import type { Observation } from "../../../src/verify/page.js";
import { FakeRuntime } from "../../support/fake-runtime.js";

// The console's keys against an in-memory engine and a scripted client (the real ones: e2e/console).
class Client implements LiveClient {
  n = 0;
  session = 0;
  async get(): Promise<Observation> {
    this.n++;
    return {
      index: this.n,
      status: 200,
      node: `tomcat${(this.n % 2) + 1}`,
      sessionId: `S${this.session}AAAA-n1.tomcat1`,
      counter: this.n,
      ms: 1,
    };
  }
  newSession() {
    this.session++;
  }
}

async function labOnFake(): Promise<FakeRuntime> {
  const rt = new FakeRuntime();
  for (const [node, role] of [
    ["nginx", "nginx"],
    ["tomcat1", "tomcat"],
    ["tomcat2", "tomcat"],
    ["memcached", "store"],
  ] as const)
    await rt.createAndStart({
      name: `sessionlab-demo-${node}`,
      image: "x",
      network: "n",
      aliases: [],
      labels: { [LABEL_MANAGED]: "true", [LABEL_LAB]: "demo", [LABEL_NODE]: node, [LABEL_ROLE]: role },
    });
  return rt;
}

/** Polls the controller's state until `ok` holds (the loops run on timers). */
async function until(c: ConsoleController, ok: (s: ReturnType<ConsoleController["getState"]>) => boolean) {
  const deadline = Date.now() + 5000;
  while (!ok(c.getState())) {
    if (Date.now() > deadline) throw new Error(`state never matched: ${JSON.stringify(c.getState())}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let controller: ConsoleController | undefined;
afterEach(() => controller?.close());

async function open(breakFix?: BreakFix) {
  const rt = await labOnFake();
  const client = new Client();
  controller = new ConsoleController({
    runtime: rt,
    client,
    lab: { instance: "demo", variant: "demo/x", url: "http://127.0.0.1:1", dir: "/nonexistent" },
    breakFix,
    pollMs: 20,
  });
  controller.start();
  await until(controller, (s) => s.containers.length === 4 && s.rows.length >= 2);
  return { rt, client, c: controller };
}

describe("the console's keys", () => {
  it("2 stops tomcat2 and the header follows; a digit with no Tomcat says so", async () => {
    const { rt, c } = await open();
    c.key("2", {});
    await until(c, (s) => s.containers.find((x) => x.node === "tomcat2")?.state === "exited");
    expect(rt.log).toContain("stop sessionlab-demo-tomcat2");
    expect(c.getState().message).toBe("tomcat2 stopped");
    c.key("9", {});
    expect(c.getState().message).toBe("no tomcat9 in this lab");
  });

  it("n drops the cookie: the next row is a new session, not a lost one", async () => {
    const { client, c } = await open();
    c.key("n", {});
    expect(client.session).toBe(1);
    const from = c.getState().rows.length;
    await until(c, (s) => s.rows.length > from);
    expect(c.getState().rows[from]!.outcome).toBe("new session");
  });

  it("+ and - change the interval, p pauses, ? shows help and any key closes it", async () => {
    const { c } = await open();
    c.key("+", {});
    expect(c.getState().intervalMs).toBe(250);
    c.key("-", {});
    c.key("-", {});
    expect(c.getState().intervalMs).toBe(1000);
    c.key("p", {});
    expect(c.getState().paused).toBe(true);
    c.key("?", {});
    expect(c.getState().overlay).toEqual({ kind: "help" });
    c.key("x", {});
    expect(c.getState().overlay).toBeUndefined();
  });

  it("b and f say break/fix is not in this build; l lists the containers and shows a log", async () => {
    const { c } = await open();
    c.key("b", {});
    expect(c.getState().message).toBe(BREAK_FIX_UNAVAILABLE);
    c.key("f", {});
    expect(c.getState().message).toBe(BREAK_FIX_UNAVAILABLE);
    c.key("l", {});
    const o = c.getState().overlay;
    expect(o?.kind === "pick" && o.options.map((x) => x.value)).toEqual([
      "nginx",
      "tomcat1",
      "tomcat2",
      "memcached",
    ]);
    c.key("", { downArrow: true });
    c.key("", { return: true });
    await until(c, (s) => s.overlay?.kind === "text");
    expect(c.getState().overlay).toMatchObject({
      title: "log of tomcat1 (last 500 lines)",
      lines: ["log of sessionlab-demo-tomcat1"],
    });
    c.key("", { escape: true });
    expect(c.getState().overlay).toBeUndefined();
  });

  it("q asks; Esc goes back, k keeps the lab; Ctrl-C leaves at once", async () => {
    const { rt, c } = await open();
    let exits = 0;
    c.onExit = () => exits++;
    c.key("q", {});
    expect(c.getState().overlay).toEqual({ kind: "quit" });
    c.key("", { escape: true });
    expect(c.getState().overlay).toBeUndefined();
    c.key("q", {});
    c.key("k", {});
    expect([c.outcome, exits]).toEqual(["kept", 1]);
    expect(rt.containers.size).toBe(4);

    const other = await open();
    other.c.onExit = () => exits++;
    other.c.key("c", { ctrl: true });
    expect([other.c.outcome, exits]).toEqual(["interrupted", 2]);
  });

  it("q then d takes the lab down, then leaves", async () => {
    const { rt, c } = await open();
    let exited = false;
    c.onExit = () => (exited = true);
    c.key("q", {});
    c.key("d", {});
    await until(c, () => exited);
    expect(c.outcome).toBe("down");
    expect(rt.containers.size).toBe(0);
  });
});

describe("keys typed faster than the screen reads them", () => {
  it("'pq' arriving together is p then q; Esc glued to a key is Esc, then the key", async () => {
    const { c } = await open();
    c.key("pq", {});
    expect(c.getState()).toMatchObject({ paused: true, overlay: { kind: "quit" } });
    c.key("", { escape: true });
    c.key("?", {});
    expect(c.getState().overlay).toEqual({ kind: "help" });
    c.key("", { escape: true });
    c.key("?", { meta: true });
    expect(c.getState().overlay).toEqual({ kind: "help" });
  });
});

/**
 * A break/fix layer whose calls wait until the test lets them finish, reporting the steps the real
 * one reports (src/breaks), so the screen can be seen mid-way.
 */
class ScriptedBreakFix implements BreakFix {
  calls: string[] = [];
  finish: () => void = () => {};
  signal?: AbortSignal;
  async scenarios(instance: string) {
    this.calls.push(`scenarios ${instance}`);
    return [
      { value: "nbsp-indent", label: "nbsp-indent", hint: "no-break spaces pasted from a web page" },
      { value: "manager-typo", label: "manager-typo", hint: "a misspelt session manager class" },
    ];
  }
  private async work(what: string, signal: AbortSignal, p: BreakFixProgress, lines: string[]) {
    this.signal = signal;
    const progress = breakFixProgress(p);
    progress.step(`${what}: editing`);
    progress.done();
    progress.step("restarting tomcat1, tomcat2");
    await new Promise<void>((r) => (this.finish = r));
    progress.done("tomcat1 not serving, tomcat2 not serving");
    return { title: what, lines, last: { what, ok: what === "fix", summary: "verify" } } as ActionResult;
  }
  apply(instance: string, scenario: string, signal: AbortSignal, p: BreakFixProgress) {
    this.calls.push(`apply ${instance} ${scenario}`);
    return this.work(`break ${scenario}`, signal, p, [
      "symptom — expected: 404",
      "  tomcat1/conf/context.xml:13:1  error  U+00A0",
    ]);
  }
  fix(instance: string, signal: AbortSignal, p: BreakFixProgress) {
    this.calls.push(`fix ${instance}`);
    return this.work("fix", signal, p, ["✔ the lab is whole: verify passes (9.9 s)"]);
  }
}

describe("b and f: break and fix through the break/fix seam", () => {
  it("b offers the scenarios that apply; Enter breaks; the header shows the restarts; the report follows", async () => {
    const bf = new ScriptedBreakFix();
    const { c } = await open(bf);
    c.key("+++", {}); // a request every 100 ms
    c.key("b", {});
    await until(c, (s) => s.overlay?.kind === "pick");
    expect(c.getState().overlay).toMatchObject({
      title: "Break the lab how?",
      purpose: "break",
      options: [{ label: "nbsp-indent" }, { label: "manager-typo" }],
    });
    c.key("", { downArrow: true });
    c.key("", { return: true });
    expect(bf.calls).toEqual(["scenarios demo", "apply demo manager-typo"]);
    // mid-way: the status line says what it does, the restarted Tomcats say so, requests go on
    await until(c, (s) => s.containers.some((x) => x.pending === "restarting"));
    expect(c.getState().busy).toBe("break manager-typo: restarting tomcat1, tomcat2");
    expect(c.getState().containers.map((x) => x.pending)).toEqual([
      undefined,
      "restarting",
      "restarting",
      undefined,
    ]);
    const rows = c.getState().rows.length;
    await until(c, (s) => s.rows.length > rows + 2);
    bf.finish();
    await until(c, (s) => s.overlay?.kind === "text");
    expect(c.getState()).toMatchObject({
      busy: undefined,
      overlay: { title: "break manager-typo", lines: ["symptom — expected: 404", expect.any(String)] },
      last: { what: "break manager-typo", ok: false },
    });
    expect(c.getState().containers.every((x) => !x.pending)).toBe(true);
  });

  it("b with a node stopped says to start it first; f fixes and shows its report", async () => {
    const bf = new ScriptedBreakFix();
    const { c } = await open(bf);
    c.key("2", {});
    await until(c, (s) => s.message === "tomcat2 stopped");
    c.key("b", {});
    expect(c.getState().message).toBe(
      "break starts from a running lab: tomcat2 stopped (start it, or f fixes the lab)",
    );
    expect(bf.calls).toEqual([]);
    c.key("f", {});
    await until(c, (s) => s.busy === "fix: restarting tomcat1, tomcat2");
    c.key("b", {});
    expect(c.getState().message).toMatch(/^wait: fix/);
    bf.finish();
    await until(c, (s) => s.overlay?.kind === "text");
    expect(c.getState()).toMatchObject({
      overlay: { title: "fix", lines: ["✔ the lab is whole: verify passes (9.9 s)"] },
      last: { what: "fix", ok: true },
    });
    expect(bf.calls).toEqual(["fix demo"]);
  });

  it("Ctrl-C during a break leaves at once; closing aborts it and waits for it", async () => {
    const bf = new ScriptedBreakFix();
    const { c } = await open(bf);
    let exits = 0;
    c.onExit = () => exits++;
    c.key("b", {});
    await until(c, (s) => s.overlay?.kind === "pick");
    c.key("", { return: true });
    await until(c, (s) => s.busy !== undefined && s.busy.includes("restarting"));
    c.key("c", { ctrl: true });
    expect([c.outcome, exits, c.busyWith]).toEqual(["interrupted", 1, 1]);
    let closed = false;
    const closing = c.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 30));
    expect([bf.signal?.aborted, closed]).toEqual([true, false]);
    bf.finish();
    await closing;
    expect(c.busyWith).toBe(0);
  });

  it("break/fix progress: the restart step names the nodes, a recreated one too, until it ends", () => {
    const seen: string[][] = [];
    const steps: string[] = [];
    const p = breakFixProgress({ step: (t) => steps.push(t), restarting: (n) => seen.push(n) });
    p.step("restoring the lab's known-good files");
    p.done();
    p.step("restarting tomcat1 (recreated), nginx");
    p.fail();
    expect(seen).toEqual([[], [], ["tomcat1", "nginx"], []]);
    expect(steps).toEqual(["restoring the lab's known-good files", "restarting tomcat1 (recreated), nginx"]);
  });
});
