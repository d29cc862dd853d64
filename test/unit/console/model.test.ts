import { describe, expect, it } from "vitest";
import {
  type ConsoleState,
  type RequestRow,
  footerKeys,
  footerWidth,
  layout,
  rowOf,
  stateWord,
  stepInterval,
  wrapItems,
} from "../../../src/console/model.js";

const ok = (n: number, node: string, sessionId: string, counter: number) => ({
  index: n,
  status: 200,
  node,
  sessionId,
  counter,
  ms: 3,
});

describe("the console's request rows", () => {
  const first = rowOf(ok(1, "tomcat1", "AAAA-n1.tomcat1", 1), 1, undefined);
  it("the first answer of a client is a new session; the same id with counter +1 is ok", () => {
    expect(first.outcome).toBe("new session");
    expect(rowOf(ok(2, "tomcat2", "AAAA-n1.tomcat1", 2), 2, first).outcome).toBe("ok");
  });
  it("a new base id is a lost session, naming the old one", () => {
    const r = rowOf(ok(2, "tomcat2", "BBBB.tomcat2", 1), 2, first);
    expect(r).toMatchObject({ outcome: "LOST", detail: "was AAAA…-n1.tomcat1" });
  });
  it("a counter that does not go up by one, and a moved suffix, are told apart", () => {
    expect(rowOf(ok(2, "tomcat1", "AAAA-n1.tomcat1", 1), 2, first)).toMatchObject({
      outcome: "counter",
      detail: "1 → 1",
    });
    expect(rowOf(ok(2, "tomcat2", "AAAA-n2.tomcat2", 2), 2, first)).toMatchObject({
      outcome: "moved",
      detail: "-n1.tomcat1 → -n2.tomcat2",
    });
  });
  it("an error answer carries the HTTP error", () => {
    const r: RequestRow = rowOf({ index: 3, status: 502, ms: 1, error: "HTTP 502 (Bad Gateway)" }, 3, first);
    expect(r).toMatchObject({ outcome: "error", detail: "HTTP 502 (Bad Gateway)" });
  });
});

describe("the console's layout", () => {
  it("+ and - step through the intervals and stop at their ends", () => {
    expect(stepInterval(500, -1)).toBe(250);
    expect(stepInterval(500, 1)).toBe(1000);
    expect(stepInterval(100, -1)).toBe(100);
    expect(stepInterval(5000, 1)).toBe(5000);
  });
  it("states read as words without colour", () => {
    const c = { node: "tomcat2", role: "tomcat", name: "x" };
    expect(stateWord({ ...c, state: "exited" }).word).toBe("stopped");
    expect(stateWord({ ...c, state: "running" }).word).toBe("running");
    expect(stateWord({ ...c, state: "running", pending: "stopping" }).word).toBe("stopping…");
  });
  it("wraps items onto lines that fit, and leaves the rest of the screen to the body", () => {
    expect(wrapItems(["aaaa", "bbbb", "cccc"], (s) => s.length, 10)).toEqual([["aaaa", "bbbb"], ["cccc"]]);
    const state: ConsoleState = {
      lab: { instance: "memcached", variant: "v", url: "http://127.0.0.1:8080", dir: "/x" },
      containers: [],
      rows: [],
      intervalMs: 500,
      paused: false,
    };
    const footerAt80 = wrapItems(footerKeys(state), footerWidth, 80).length;
    expect(footerAt80).toBe(2);
    // title, containers, last, status line, footer
    expect(layout(state, 80, 23).body).toBe(23 - 1 - 1 - 1 - 1 - footerAt80);
  });
});
