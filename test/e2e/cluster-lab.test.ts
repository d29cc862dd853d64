import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docker, engineAvailable, jsonResult, run, statuses, withCleanEngine } from "./harness.js";

// Tomcat's own cluster on the real engine: each manager × membership × Tomcat the lab offers passes verify, a
// webapp without <distributable/> fails it naming replication, and a member left out of another's
// static list stops `up` naming the member that did not join.
const PORT = "18092";
const available = await engineAvailable();

const CLUSTER_PASS = {
  containers: "pass",
  "both-nodes": "pass",
  "one-session": "pass",
  counter: "pass",
  replicated: "pass",
  membership: "pass",
  "tomcat-failover": "pass",
  rejoin: "pass",
  parallel: "pass",
};

const COMBINATIONS: Array<{ manager: string; membership: string; tomcat?: string; tomcats?: number }> = [
  { manager: "delta", membership: "static" },
  { manager: "delta", membership: "multicast" },
  { manager: "delta", membership: "dns" },
  { manager: "backup", membership: "static" },
  { manager: "backup", membership: "multicast" },
  { manager: "backup", membership: "dns" },
  { manager: "delta", membership: "static", tomcat: "10.1", tomcats: 3 },
  { manager: "delta", membership: "multicast", tomcat: "10.1" },
  { manager: "delta", membership: "dns", tomcat: "10.1" },
  { manager: "backup", membership: "static", tomcat: "10.1" },
  { manager: "backup", membership: "multicast", tomcat: "10.1" },
  { manager: "backup", membership: "dns", tomcat: "10.1" },
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** The time of Tomcat's first log line matching `what` (its own format: 27-Nov-2026 17:13:34.556). */
function loggedAt(log: string, what: RegExp): number {
  const line = log.split("\n").find((l) => what.test(l));
  const m = line && /(\d\d)-(\w{3})-(\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(line);
  if (!m) throw new Error(`no log line matches ${what}`);
  const [, d, mon, y, h, min, sec, ms] = m;
  return Date.UTC(+y!, MONTHS.indexOf(mon!), +d!, +h!, +min!, +sec!, +ms!);
}

/**
 * DeltaManager members start in turn: each Tomcat begins only after the one before finished starting,
 * so no two wait for each other's session state (60 s each); no member timed out waiting for it.
 */
async function expectStartedInTurn(tomcats: number): Promise<void> {
  const logs: string[] = [];
  for (let i = 1; i <= tomcats; i++)
    logs.push(
      (
        await docker.getContainer(`sessionlab-cluster-tomcat${i}`).logs({ stdout: true, stderr: true })
      ).toString(),
    );
  for (let i = 1; i < tomcats; i++)
    expect(loggedAt(logs[i]!, /Server version name/)).toBeGreaterThanOrEqual(
      loggedAt(logs[i - 1]!, /Server startup in/),
    );
  for (const log of logs) expect(log).not.toMatch(/timing out after/);
}

describe.runIf(available)("the cluster lab on a real Docker engine", () => {
  const dir = withCleanEngine();

  const named = COMBINATIONS.map((c) => ({
    ...c,
    name: `--manager ${c.manager} --membership ${c.membership} --tomcat ${c.tomcat ?? "9"} --tomcats ${c.tomcats ?? 2}`,
  }));
  it.each(named)("up cluster $name: verify passes", async ({ manager, membership, tomcat, tomcats }) => {
    const args = [
      "up",
      "cluster",
      "--manager",
      manager,
      "--membership",
      membership,
      "--port",
      PORT,
      "--json",
    ];
    if (tomcat) args.push("--tomcat", tomcat);
    if (tomcats) args.push("--tomcats", String(tomcats));
    const up = await run(args, { cwd: dir() });
    expect(up.exitCode, up.stdout + up.stderr).toBe(0);
    expect(jsonResult(up.stdout).variant).toBe(
      `cluster/${manager}@tomcat${tomcat ?? "9"}${tomcats ? ` x${tomcats}` : ""} ${membership}`,
    );
    const v = await run(["verify", "--json"]);
    const report = jsonResult(v.stdout);
    expect(statuses(report), JSON.stringify(report.checks, null, 1)).toEqual(CLUSTER_PASS);
    expect(v.exitCode).toBe(0);
    const replicated = report.checks.find((c: { id: string }) => c.id === "replicated");
    expect(replicated.summary).toMatch(
      manager === "delta"
        ? new RegExp(`is on all ${tomcats ?? 2} members \\(DeltaManager\\)`)
        : /primary on tomcat\d, backup on tomcat\d \(BackupManager\)$/,
    );
    const failover = report.checks.find((c: { id: string }) => c.id === "tomcat-failover");
    expect(failover.evidence[0]).toMatch(manager === "backup" ? /^killed tomcat\d/ : /^stopped tomcat\d/);
    if (manager === "delta") await expectStartedInTurn(tomcats ?? 2);
  });

  it("drills on the DeltaManager cluster: tomcat-stop keeps every session; tomcat-kill is a declared loss", async () => {
    await run(["down", "--all"]);
    const up = await run(["up", "cluster", "--port", PORT], { cwd: dir() });
    expect(up.exitCode, up.stderr).toBe(0);
    const r = await run(["drill", "tomcat-stop", "tomcat-kill", "--json"]);
    expect(r.exitCode, r.stdout).toBe(0);
    const results = jsonResult(r.stdout).results as Array<{
      scenario: string;
      verdict: string;
      measure: { sessionsLost: number };
    }>;
    expect(results.find((x) => x.scenario === "tomcat-stop")).toMatchObject({
      verdict: "kept",
      measure: { sessionsLost: 0 },
    });
    expect(["as designed", "kept"]).toContain(results.find((x) => x.scenario === "tomcat-kill")!.verdict);
  });

  it("without <distributable/> in web.xml, verify fails naming replication", async () => {
    await run(["down", "--all"]);
    const lab = join(dir(), "no-distributable");
    const init = await run(["init", "cluster", lab]);
    expect(init.exitCode, init.stderr).toBe(0);
    for (const t of ["tomcat1", "tomcat2"]) {
      const webXml = join(lab, t, "webapps", "ROOT", "WEB-INF", "web.xml");
      const text = await readFile(webXml, "utf8");
      expect(text).toContain("<distributable/>");
      await writeFile(webXml, text.replace("<distributable/>", ""));
    }
    // --no-check: diff-config would refuse the folder before start; here the failure is watched for real.
    const up = await run(["up", lab, "--no-check", "--port", PORT], { cwd: dir() });
    expect(up.exitCode, up.stderr).toBe(0);
    const v = await run(["verify", "--json"]);
    expect(v.exitCode).toBe(1);
    const report = jsonResult(v.stdout);
    expect(statuses(report)).toMatchObject({ replicated: "fail", counter: "fail" });
    const replicated = report.checks.find((c: { id: string }) => c.id === "replicated");
    expect(replicated.summary).toMatch(
      /not marked <distributable\/>.*the cluster replicates none of its sessions/,
    );
  });

  // (Leaving tomcat1 out of tomcat2's list alone is not enough: tomcat2 accepts tomcat1 when it calls.)
  it("static member lists that leave each other out: up names the member that did not join", async () => {
    await run(["down", "--all"]);
    const lab = join(dir(), "missing-member");
    expect((await run(["init", "cluster", lab, "--membership", "static"])).exitCode).toBe(0);
    for (const [own, other] of [
      ["tomcat1", "tomcat2"],
      ["tomcat2", "tomcat1"],
    ] as const) {
      const serverXml = join(lab, own, "conf", "server.xml");
      const text = await readFile(serverXml, "utf8");
      const member = new RegExp(`\\s*<Member className="[\\w.]+StaticMember"\\s+host="${other}"[^>]*/>`);
      expect(text).toMatch(member);
      await writeFile(serverXml, text.replace(member, ""));
    }
    const up = await run(["up", lab, "--no-check", "--timeout", "25", "--port", PORT], { cwd: dir() });
    expect(up.exitCode).toBe(2);
    expect(up.stderr).toMatch(
      /(tomcat\d) .*was not ready after 25s: \1 does not see tomcat\d in the cluster/,
    );
  });
});
