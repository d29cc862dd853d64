import { describe, expect, it } from "vitest";
import type { Observation } from "../../src/verify/page.js";
import { type Observations, evaluateScenario } from "../../src/verify/scenario.js";

const seq = (nodes: string[]): Observation[] =>
  nodes.map((node, i) => ({
    index: i + 1,
    status: 200,
    node,
    sessionId: "AB-n1.tomcat1",
    counter: i + 1,
    ms: 1,
  }));

const base = (over: Partial<Observations> = {}): Observations => ({
  page: "probe",
  sequential: seq(["tomcat1", "tomcat3", "tomcat1", "tomcat3"]),
  parallel: [],
  store: {
    outcome: "read",
    key: "AB-n1.tomcat1",
    where: "memcached container x",
    lookup: { found: true, detail: "VALUE" },
  },
  cluster: { outcome: "skip", reason: "no cluster" },
  expectedNodes: ["tomcat1", "tomcat2", "tomcat3"],
  containers: [
    { name: "sl-tomcat1", node: "tomcat1", role: "tomcat", state: "running", status: "Up" },
    {
      name: "sl-tomcat2",
      node: "tomcat2",
      role: "tomcat",
      state: "exited",
      status: "Exited (143) 2 seconds ago",
    },
    { name: "sl-tomcat3", node: "tomcat3", role: "tomcat", state: "running", status: "Up" },
  ],
  ...over,
});

describe("the round-robin scenario", () => {
  it("names a stopped container and the Tomcat that never served, while the session itself holds", () => {
    const checks = evaluateScenario("round-robin", base());
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId.containers).toMatchObject({
      status: "fail",
      summary: "tomcat2 (sl-tomcat2) is exited",
      evidence: ["sl-tomcat2: Exited (143) 2 seconds ago"],
    });
    expect(byId["both-nodes"]).toMatchObject({ status: "fail", summary: "tomcat2 never served" });
    expect(byId["one-session"]?.status).toBe("pass");
    expect(byId.counter?.status).toBe("pass");
    expect(byId["in-store"]?.status).toBe("pass");
  });

  it("passes every check when all containers run and all Tomcats serve", () => {
    const running = base().containers!.map((c) => ({ ...c, state: "running", status: "Up" }));
    const checks = evaluateScenario(
      "round-robin",
      base({ containers: running, sequential: seq(["tomcat1", "tomcat2", "tomcat3", "tomcat1"]) }),
    );
    expect(checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      "containers:pass",
      "both-nodes:pass",
      "one-session:pass",
      "counter:pass",
      "in-store:pass",
      "parallel:pass",
    ]);
    expect(checks[1]?.summary).toBe("all 3 Tomcats served: tomcat1, tomcat2, tomcat3");
  });

  it("leaves the containers check out with --url, where there are no lab containers", () => {
    const checks = evaluateScenario("round-robin", base({ containers: undefined, expectedNodes: undefined }));
    expect(checks.map((c) => c.id)).not.toContain("containers");
  });

  it("reports the parallel check as not run when the first client kept failing", () => {
    const checks = evaluateScenario("round-robin", base({ stoppedAfterFailures: 3 }));
    expect(checks.find((c) => c.id === "parallel")).toMatchObject({
      status: "fail",
      summary: "not run: the first client stopped after 3 failed requests in a row",
    });
  });
});
