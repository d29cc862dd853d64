import { describe, expect, it } from "vitest";
import {
  type ClusterObservation,
  evaluateMembership,
  evaluateReplicated,
} from "../../src/verify/cluster-check.js";
import { checkFailover, checkRejoin } from "../../src/verify/failover-checks.js";
import type { FailoverObservation } from "../../src/verify/failover.js";
import type { MemberView } from "../../src/kinds/cluster-page.js";
import type { Observation } from "../../src/verify/page.js";

const view = (node: string, self: string, members: string[], over: Partial<MemberView> = {}): MemberView => ({
  node,
  manager: "DeltaManager",
  clustered: true,
  replicating: true,
  self,
  members,
  missing: [],
  sessions: 1,
  session: { id: "AB.tomcat1", role: "copy" },
  ...over,
});

const cluster = (...views: MemberView[]): ClusterObservation => ({
  outcome: "read",
  sessionBase: "AB",
  members: views.map((v) => ({ node: v.node, state: "running", view: v })),
});

const A = "10.0.0.2";
const B = "10.0.0.3";
const C = "10.0.0.4";

describe("the cluster checks", () => {
  it("DeltaManager: the session on every member passes; one member without it fails naming it", () => {
    const ok = cluster(view("tomcat1", A, [B]), view("tomcat2", B, [A]));
    expect(evaluateReplicated(ok)).toMatchObject({
      status: "pass",
      summary: "session AB is on all 2 members (DeltaManager)",
    });
    const missing = cluster(view("tomcat1", A, [B]), view("tomcat2", B, [A], { session: null }));
    expect(evaluateReplicated(missing)).toMatchObject({ status: "fail" });
    expect(evaluateReplicated(missing).summary).toMatch(/is not on tomcat2: not replicated there/);
  });

  it("a webapp without <distributable/>: fails saying the cluster replicates none of its sessions", () => {
    const o = cluster(
      view("tomcat1", A, [B], { manager: "StandardManager", replicating: false }),
      view("tomcat2", B, [A], { manager: "StandardManager", replicating: false }),
    );
    const r = evaluateReplicated(o);
    expect(r.status).toBe("fail");
    expect(r.summary).toMatch(
      /StandardManager.*not marked <distributable\/>.*replicates none of its sessions/,
    );
  });

  it("BackupManager: one primary and a backup pass; a primary alone fails", () => {
    const b = (node: string, self: string, members: string[], role: "primary" | "backup" | "proxy") =>
      view(node, self, members, {
        manager: "BackupManager",
        session: { id: "AB.tomcat2", role, primary: B, backups: [A] },
      });
    const ok = cluster(
      b("tomcat1", A, [B, C], "backup"),
      b("tomcat2", B, [A, C], "primary"),
      b("tomcat3", C, [A, B], "proxy"),
    );
    expect(evaluateReplicated(ok)).toMatchObject({
      status: "pass",
      summary: "session AB: primary on tomcat2, backup on tomcat1 (BackupManager)",
    });
    const alone = cluster(b("tomcat1", A, [B], "proxy"), b("tomcat2", B, [A], "primary"));
    expect(evaluateReplicated(alone).status).toBe("fail");
    expect(evaluateReplicated(alone).summary).toMatch(/the session is not replicated/);
  });

  it("membership: every member seeing the others passes; a member missing one fails naming both", () => {
    expect(evaluateMembership(cluster(view("tomcat1", A, [B]), view("tomcat2", B, [A])))).toMatchObject({
      status: "pass",
      summary: "each of the 2 members sees the other 1",
    });
    const r = evaluateMembership(
      cluster(view("tomcat1", A, [], { missing: ["tomcat2"] }), view("tomcat2", B, [A])),
    );
    expect(r).toMatchObject({ status: "fail", summary: "tomcat1 does not see tomcat2" });
  });
});

const obs = (index: number, counter: number | undefined, error?: string): Observation => ({
  index,
  status: error ? 0 : 200,
  node: "tomcat2",
  sessionId: error ? undefined : "AB.tomcat2",
  counter,
  error,
  ms: 1,
});

const step = (after: Observation[], over: Partial<FailoverObservation> = {}): FailoverObservation => ({
  what: "member",
  how: "kill",
  stopped: { node: "tomcat1", container: "lab-tomcat1" },
  before: { ...obs(20, 20), node: "tomcat1", sessionId: "AB.tomcat1" },
  after,
  restarted: true,
  ...over,
});

describe("failover with lost answers", () => {
  it("a request without an answer may count once, then or later", () => {
    const late = step([obs(21, undefined, "Headers Timeout Error"), obs(22, 21), obs(23, 23), obs(24, 24)]);
    expect(checkFailover(late).status).toBe("pass");
    expect(checkFailover(late).evidence[0]).toMatch(/^killed tomcat1/);
  });

  it("a counter that jumps with every answer received fails", () => {
    const r = checkFailover(step([obs(21, 21), obs(22, 23)]));
    expect(r).toMatchObject({ status: "fail", summary: "#22: counter 23, expected 22" });
  });
});

describe("failover that lost the session", () => {
  const lost = (): Observation => ({ ...obs(21, 1), sessionId: "CD.tomcat2" });
  const line =
    "SEVERE AbstractReplicatedMap.get Unable to replicate out data for an AbstractReplicatedMap.get operation — ChannelException: Operation has timed out([3000] ms.).";

  it("says right after the loss what the other Tomcats logged meanwhile", () => {
    const r = checkFailover(
      step([lost(), { ...obs(22, 2), sessionId: "CD.tomcat2" }], {
        logged: [
          { node: "tomcat3", line: "SEVERE AbstractReplicatedMap.heartbeat Unable to send ping" },
          { node: "tomcat2", line },
        ],
      }),
    );
    expect(r.status).toBe("fail");
    // tomcat2 answered the lost request: its line comes first
    expect(r.evidence.slice(0, 4)).toEqual([
      "#21: session CD.tomcat2, was AB: the session was lost",
      `tomcat2 logged: ${line}`,
      "tomcat3 logged: SEVERE AbstractReplicatedMap.heartbeat Unable to send ping",
      "#22: session CD.tomcat2, was AB: the session was lost",
    ]);
  });

  it("says nothing of logs when none were logged", () => {
    const r = checkFailover(step([lost()]));
    expect(r.evidence.join("\n")).not.toMatch(/logged:/);
  });
});

describe("rejoin", () => {
  it("passes with the time and the transfer, fails when the member never held the session", () => {
    expect(checkRejoin(step([], { rejoin: { seconds: 1.6, role: "copy", transferMs: 106 } }))).toMatchObject({
      status: "pass",
      summary:
        "tomcat1 holds the session again (as copy) 1.6 s after it was started; state transfer 106 ms (DeltaManager's log)",
    });
    const r = checkRejoin(step([], { rejoin: { error: "tomcat1 did not get session AB within 60 s" } }));
    expect(r).toMatchObject({ status: "fail", summary: "tomcat1 did not get session AB within 60 s" });
  });
});
