import { renderToString } from "ink";
import { createElement } from "react";
import { formatBreakReport, formatFixReport } from "../../../src/breaks/format.js";
import type { BreakReport } from "../../../src/breaks/index.js";
import { describe, expect, it } from "vitest";
import type { ConsoleState } from "../../../src/console/model.js";
import { HELP } from "../../../src/console/model.js";
import { ConsoleView } from "../../../src/console/view.js";

// Each state of the screen, drawn to a string: exactly the lines it is given, none too wide.
const ID = "5C1B9A3E0F2D4C6B8A7E9D1C3B5A7F90";
const running = (node: string, role: string) => ({
  node,
  role,
  name: `sessionlab-demo-${node}`,
  state: "running",
});
const base: ConsoleState = {
  lab: {
    instance: "memcached",
    variant: "memcached/msm@tomcat9",
    url: "http://127.0.0.1:8080",
    dir: "/tmp/lab",
  },
  containers: [
    running("nginx", "nginx"),
    running("tomcat1", "tomcat"),
    running("tomcat2", "tomcat"),
    running("memcached", "store"),
  ],
  rows: Array.from({ length: 40 }, (_, i) => ({
    n: i + 1,
    node: i % 2 ? "tomcat2" : "tomcat1",
    sessionId: `${ID}-n1.tomcat1`,
    counter: i + 1,
    outcome: i ? ("ok" as const) : ("new session" as const),
  })),
  intervalMs: 500,
  paused: false,
};

function draw(state: ConsoleState, columns = 80, rows = 23): string[] {
  const out = renderToString(createElement(ConsoleView, { state, columns, rows }), { columns });
  const lines = out.split("\n");
  expect(lines).toHaveLength(rows);
  for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
  return lines;
}

describe("the console screen", () => {
  it("live at 80×24: header with states in words, the newest requests, the footer", () => {
    const lines = draw(base);
    expect(lines[0]).toBe("sessionlab · lab memcached (memcached/msm@tomcat9) · http://127.0.0.1:8080/");
    expect(lines[1]).toBe("nginx ● running  tomcat1 ● running  tomcat2 ● running  memcached ● running");
    expect(lines[2]).toBe("last: no verify or drill yet · a request every 500 ms");
    expect(lines[3]).toMatch(/^ +# TOMCAT +SESSION \(id-node\.route\) +COUNTER OUTCOME$/);
    // the whole id, the newest request last
    expect(lines[lines.length - 4]).toMatch(new RegExp(`^ +40 tomcat2 ${ID}-n1\\.tomcat1 +40 ok$`));
    expect(lines.slice(-2).join(" ")).toMatch(/1-2 tomcat .* q quit/);
  });

  it("a stopped Tomcat, a node stopping, the last verify and a message", () => {
    const lines = draw({
      ...base,
      containers: [
        running("nginx", "nginx"),
        running("tomcat1", "tomcat"),
        { ...running("tomcat2", "tomcat"), state: "exited" },
        { ...running("memcached", "store"), pending: "stopping" },
      ],
      last: { what: "verify", ok: false, summary: "FAIL containers, both-nodes" },
      message: "tomcat2 stopped",
    });
    expect(lines[1]).toBe("nginx ● running  tomcat1 ● running  tomcat2 ○ stopped  memcached ◐ stopping…");
    expect(lines[2]).toContain("last: verify FAIL containers, both-nodes");
    expect(lines[lines.length - 3]).toBe("tomcat2 stopped");
  });

  it("narrow (60 columns): ids lose the middle of their base, keep their node and route", () => {
    const lines = draw(base, 60, 20);
    expect(lines.join("\n")).toMatch(/ 40 tomcat2 5C1B9A3E\S*…-n1\.tomcat1 +40 ok/);
  });

  it("waits for the first answer before any row", () => {
    expect(draw({ ...base, rows: [], containers: [] }).join("\n")).toContain(
      "waiting for the first answer from nginx…",
    );
  });

  it("the quit question, help, a pick list and a report", () => {
    expect(draw({ ...base, overlay: { kind: "quit" } }).join("\n")).toMatch(
      /What about the lab\?[\s\S]*k keep it running[\s\S]*d take it down/,
    );
    const help = draw({ ...base, overlay: { kind: "help" } }).join("\n");
    for (const [key] of HELP.slice(0, 10)) expect(help).toContain(key);
    const pick = draw({
      ...base,
      overlay: {
        kind: "pick",
        title: "Which drill?",
        purpose: "drill",
        selected: 1,
        options: [
          { value: "tomcat-stop", label: "tomcat-stop", hint: "stop it" },
          { value: "tomcat-kill", label: "tomcat-kill", hint: "kill it" },
        ],
      },
    }).join("\n");
    expect(pick).toContain("› tomcat-kill kill it");
    const report = draw({
      ...base,
      overlay: {
        kind: "text",
        title: "verify",
        lines: Array.from({ length: 50 }, (_, i) => `line ${i + 1}`),
        scroll: 10,
      },
    });
    expect(report).toContain("line 11");
    expect(report.join("\n")).toMatch(/lines 11-\d+ of 50/);
  });
});

// A break as src/breaks reports it (nbsp-indent on the memcached lab), drawn by its own formatter.
const broken: BreakReport = {
  ok: true,
  lab: "memcached",
  dir: "/tmp/lab",
  scenario: "nbsp-indent",
  summary: "no-break spaces pasted from a web page as the Manager's indentation in context.xml",
  edits: "every Tomcat's conf/context.xml",
  edited: ["tomcat1", "tomcat2"].map((n) => ({
    file: `${n}/conf/context.xml`,
    backup: `${n}/conf/context.xml.before-break`,
  })),
  exec: [],
  restarted: ["tomcat1", "tomcat2"].map((node) => ({
    node,
    container: `sessionlab-memcached-${node}`,
    state: "not serving" as const,
    log: [],
    seconds: 2.1,
  })),
  symptom: {
    expected: "context.xml is not well-formed XML: every request answers 404",
    expect: "verify-fails",
    seen: true,
    verifyOk: false,
    failedChecks: [
      {
        id: "both-nodes",
        title: "all Tomcats served",
        summary: "no Tomcat served",
        evidence: ["#1: HTTP 404"],
      },
    ],
    nodes: [
      {
        node: "tomcat1",
        state: "not serving",
        logLine: "SEVERE [main] Parse error in context.xml at line 13 column 1",
      },
    ],
  },
  rule: "unicode-space",
  cause: [
    {
      file: "tomcat1/conf/context.xml",
      line: 13,
      column: 1,
      rule: "unicode-space",
      severity: "error",
      message: "U+00A0 NO-BREAK SPACE where XML wants whitespace",
      fix: "replace it with a plain space",
    },
  ],
  findings: [],
  seconds: 8.4,
};

describe("break and fix on the screen", () => {
  it("the scenario picker: names and one-line summaries, cut at the screen's width", () => {
    const lines = draw({
      ...base,
      overlay: {
        kind: "pick",
        title: "Break the lab how?",
        purpose: "break",
        selected: 0,
        options: [
          { value: "nbsp-indent", label: "nbsp-indent", hint: broken.summary },
          { value: "manager-typo", label: "manager-typo", hint: "a misspelt session manager class" },
        ],
      },
    });
    expect(lines[3]).toBe("Break the lab how?");
    expect(lines[4]).toBe("› nbsp-indent  no-break spaces pasted from a web page as the Manager's indentat…");
    expect(lines[5]).toBe("  manager-typo a misspelt session manager class");
  });

  it("mid-break: the restarted Tomcats read restarting…, the status line names the step", () => {
    const lines = draw({
      ...base,
      containers: base.containers.map((c) => (c.role === "tomcat" ? { ...c, pending: "restarting" } : c)),
      busy: "break nbsp-indent: restarting tomcat1, tomcat2",
    });
    expect(lines[1]).toBe("nginx ● running  tomcat1 ◐ restarting…  tomcat2 ◐ restarting…");
    expect(lines[2]).toBe("memcached ● running");
    expect(lines[lines.length - 3]).toBe("◐ break nbsp-indent: restarting tomcat1, tomcat2");
  });

  it("the break report scrolls to the cause at file:line:column; the fix report says verify passes", () => {
    const report = formatBreakReport(broken).trimEnd().split("\n");
    const state = (scroll: number): ConsoleState => ({
      ...base,
      last: { what: "break nbsp-indent", ok: false, summary: "verify FAIL both-nodes" },
      overlay: { kind: "text", title: "break nbsp-indent", lines: report, scroll },
    });
    const top = draw(state(0)).join("\n");
    expect(top).toContain("last: break nbsp-indent verify FAIL both-nodes");
    expect(top).toContain("FAIL  all Tomcats served: no Tomcat served");
    const end = draw(state(100)).join("\n");
    expect(end).toContain("tomcat1/conf/context.xml:13:1  error  U+00A0 NO-BREAK SPACE");
    expect(end).toMatch(/✔ broken as predicted/);
    const fixed = draw({
      ...base,
      overlay: {
        kind: "text",
        title: "fix",
        scroll: 0,
        lines: formatFixReport({
          ok: true,
          lab: "memcached",
          dir: "/tmp/lab",
          restored: ["tomcat1/conf/context.xml", "tomcat2/conf/context.xml"],
          backups: [],
          recreated: [],
          restarted: ["tomcat1", "tomcat2"],
          verify: { ok: true, failedChecks: [] },
          seconds: 9.9,
        })
          .trimEnd()
          .split("\n"),
      },
    }).join("\n");
    expect(fixed).toContain("✔ the lab is whole: verify passes (9.9 s)");
  });
});
