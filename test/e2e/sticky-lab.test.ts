import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { engineAvailable, jsonResult, labelled, run, statuses, withCleanEngine } from "./harness.js";

// msm sticky with two memcached nodes and failoverNodes, nginx routing by jvmRoute: verify stops the
// serving Tomcat and the backup's memcached node for real, and the lab must be whole afterwards.
const PORT = "18095";
const available = await engineAvailable();

describe.runIf(available)("msm-sticky lab on a real Docker engine", () => {
  const dir = withCleanEngine();
  const conf = (f: string) => join(dir(), "sessionlab-msm-sticky", f);

  it("up msm-sticky: two Tomcats, two memcached nodes, each Tomcat's own node as failoverNodes", async () => {
    const up = await run(["up", "msm-sticky", "--port", PORT, "--json"], { cwd: dir() });
    expect(up.exitCode, up.stderr).toBe(0);
    expect(
      jsonResult(up.stdout)
        .containers.map((c: { node: string }) => c.node)
        .sort(),
    ).toEqual(["memcached1", "memcached2", "nginx", "tomcat1", "tomcat2"]);
    const ctx1 = await readFile(conf("tomcat1/conf/context.xml"), "utf8");
    expect(ctx1).toMatch(
      /memcachedNodes="n1:memcached1:11211 n2:memcached2:11211" sticky="true" failoverNodes="n1"/,
    );
    expect(await readFile(conf("tomcat2/conf/context.xml"), "utf8")).toContain('failoverNodes="n2"');
  });

  it("verify: sticky, backup on the node the id names, survives its Tomcat and its memcached node stopping", async () => {
    const v = await run(["verify", "--json"]);
    const report = jsonResult(v.stdout);
    expect(v.exitCode, v.stdout).toBe(0);
    expect(statuses(report)).toEqual({
      containers: "pass",
      sticky: "pass",
      "one-session": "pass",
      counter: "pass",
      "in-store": "pass",
      "tomcat-failover": "pass",
      "store-failover": "pass",
      parallel: "pass",
    });
    const byId = Object.fromEntries(report.checks.map((c: { id: string }) => [c.id, c]));
    // The backup sits on the other Tomcat's node: tomcat1's sessions are …-n2.tomcat1, tomcat2's …-n1.tomcat2.
    expect(byId["in-store"].summary).toMatch(
      /-n2\.tomcat1 found in memcached container sessionlab-msm-sticky-memcached2|-n1\.tomcat2 found in memcached container sessionlab-msm-sticky-memcached1/,
    );
    expect(byId["tomcat-failover"].summary).toMatch(/suffix -n\d\.tomcat(\d) → -n\d\.tomcat(?!\1)\d/);
    expect(byId["store-failover"].summary).toMatch(/suffix -n(\d)\.tomcat\d → -n(?!\1)\d\.tomcat\d/);
    // Everything was put back.
    const status = jsonResult((await run(["status", "--json"])).stdout);
    expect(status.labs[0].containers.every((c: { state: string }) => c.state === "running")).toBe(true);
  });

  it("with the sticky map taken out of nginx.conf (round robin), the stickiness check fails with evidence", async () => {
    const path = conf("nginx/nginx.conf");
    const good = await readFile(path, "utf8");
    await writeFile(path, good.replace("proxy_pass http://$route_upstream;", "proxy_pass http://tomcats;"));
    try {
      const up = await run(["up", "msm-sticky", "--port", PORT], { cwd: dir() });
      expect(up.exitCode, up.stderr).toBe(0);
      const v = await run(["verify", "--json"]);
      expect(v.exitCode).toBe(1);
      const sticky = jsonResult(v.stdout).checks.find((c: { id: string }) => c.id === "sticky");
      expect(sticky.status).toBe("fail");
      expect(sticky.summary).toMatch(/requests served by another Tomcat than the session's route/);
      expect(sticky.evidence[0]).toMatch(/^#\d+ served by tomcat\d, session [0-9A-F]{32}-n\d\.tomcat\d$/);
    } finally {
      await writeFile(path, good);
    }
  });

  it("failoverNodes with sticky=false (msm #198) is named before any container starts", async () => {
    const path = conf("tomcat1/conf/context.xml");
    const good = await readFile(path, "utf8");
    await writeFile(path, good.replace('sticky="true"', 'sticky="false"'));
    try {
      await run(["down", "msm-sticky"]);
      const up = await run(["up", "msm-sticky", "--port", PORT], { cwd: dir() });
      expect(up.exitCode).toBe(2);
      expect(up.stderr).toMatch(
        /tomcat1\/conf\/context\.xml:\d+:\d+ failoverNodes="n1" with sticky="false": .*msm #198/,
      );
      expect((await labelled("msm-sticky")).containers).toEqual([]);
    } finally {
      await writeFile(path, good);
    }
  });
});
