import { describe, expect, it } from "vitest";
import { checkBothNodes, checkCounter, checkOneSession, checkParallel } from "../../src/verify/checks.js";
import type { Observation } from "../../src/verify/page.js";

/** n requests alternating tomcat1/tomcat2 on one shared session. */
function shared(n: number, id = "AAAA-n1.tomcat1"): Observation[] {
  return Array.from({ length: n }, (_, i) => ({
    index: i + 1,
    status: 200,
    node: i % 2 ? "tomcat2" : "tomcat1",
    sessionId: id,
    counter: i + 1,
    ms: 1,
  }));
}

/** What the no-sharing lab does: each switch of Tomcat starts a new session. */
function unshared(n: number): Observation[] {
  return Array.from({ length: n }, (_, i) => ({
    index: i + 1,
    status: 200,
    node: i % 2 ? "tomcat2" : "tomcat1",
    sessionId: `S${i}.${i % 2 ? "tomcat2" : "tomcat1"}`,
    counter: 1,
    ms: 1,
  }));
}

describe("checkBothNodes", () => {
  it("passes when both Tomcats served", () => {
    expect(checkBothNodes(shared(20), ["tomcat1", "tomcat2"]).status).toBe("pass");
  });
  it("fails when one Tomcat never served, naming it", () => {
    const obs = shared(20).map((o) => ({ ...o, node: "tomcat1" }));
    const r = checkBothNodes(obs, ["tomcat1", "tomcat2"]);
    expect(r.status).toBe("fail");
    expect(r.summary).toContain("tomcat2 never served");
  });
});

describe("checkOneSession", () => {
  it("passes on one base id and says the suffix stayed", () => {
    const r = checkOneSession(shared(20));
    expect(r.status).toBe("pass");
    expect(r.summary).toContain("AAAA");
    expect(r.evidence.join("\n")).toContain("jvmRoute .tomcat1");
  });
  it("passes but reports a suffix change explicitly", () => {
    const obs = shared(4);
    obs[2]!.sessionId = "AAAA-n2.tomcat2";
    obs[3]!.sessionId = "AAAA-n2.tomcat2";
    const r = checkOneSession(obs);
    expect(r.status).toBe("pass");
    expect(r.evidence).toContain("#3 on tomcat1: suffix -n1.tomcat1 → -n2.tomcat2, base unchanged");
  });
  it("fails when requests get new sessions", () => {
    const r = checkOneSession(unshared(20));
    expect(r.status).toBe("fail");
    expect(r.summary).toBe("20 different sessions in 20 requests");
    expect(r.evidence.at(-1)).toBe("… and 11 more");
  });
});

describe("checkCounter", () => {
  it("passes on 1..n", () => {
    expect(checkCounter(shared(20)).summary).toBe("counter went 1 → 20 over 20 requests");
  });
  it("fails when the counter restarts on the other Tomcat", () => {
    const r = checkCounter(unshared(4));
    expect(r.status).toBe("fail");
    expect(r.evidence[0]).toContain("#2 on tomcat2: counter 1, expected 2");
  });
  it("is skipped, not passed, when the classic page has no counter", () => {
    const obs = shared(3).map(({ counter: _c, ...o }) => o);
    expect(checkCounter(obs, "classic").status).toBe("skip");
  });
  it("fails when the probe page answered with errors instead of a counter", () => {
    const obs: Observation[] = [{ index: 1, status: 500, ms: 1, error: "HTTP 500 (HTTP Status 500)" }];
    const r = checkCounter(obs, "probe");
    expect(r.status).toBe("fail");
    expect(r.evidence).toEqual(["#1 → HTTP 500 (HTTP Status 500)"]);
  });
});

describe("checkParallel", () => {
  it("passes when each client keeps its own session", () => {
    const clients = Array.from({ length: 8 }, (_, c) => shared(5, `C${c}-n1.tomcat1`));
    expect(checkParallel(clients).status).toBe("pass");
  });
  it("fails on cross-talk: two clients with one session", () => {
    const clients = [shared(5, "SAME-n1"), shared(5, "SAME-n1")];
    const r = checkParallel(clients);
    expect(r.status).toBe("fail");
    expect(r.evidence).toContain("clients 1 and 2 share session SAME");
  });
  it("fails when a client's counter jumps", () => {
    const clients = [shared(5, "A"), shared(5, "B")];
    clients[1]![2]!.counter = 7;
    expect(checkParallel(clients).evidence).toContain("client 2 #3 on tomcat1: counter 7, expected 3");
  });
});

describe("checks on broken deployments", () => {
  it("both-nodes fails in --url mode when only one node ever answers", () => {
    const obs = shared(20).map((o) => ({ ...o, node: "tomcat1" }));
    expect(checkBothNodes(obs).summary).toBe("only tomcat1 served");
  });
  it("parallel fails on a client that got errors and no session", () => {
    const bad: Observation[] = [1, 2].map((i) => ({ index: i, status: 502, ms: 1, error: "HTTP 502" }));
    const r = checkParallel([shared(5, "A"), bad]);
    expect(r.status).toBe("fail");
    expect(r.evidence).toEqual([
      "client 2: 0 sessions in 2 requests",
      "client 2 #1 → HTTP 502",
      "client 2 #2 → HTTP 502",
    ]);
  });
});
