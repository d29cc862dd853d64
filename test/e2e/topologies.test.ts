import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ALL_PASS,
  docker,
  engineAvailable,
  jsonResult,
  labelled,
  run,
  statuses,
  withCleanEngine,
} from "./harness.js";

// The topology model's capabilities, each on the real engine: N Tomcats, msm on Redis, the user's own lab.
const PORT = "18090";
const available = await engineAvailable();

async function stopped<T>(container: string, body: () => Promise<T>): Promise<T> {
  await docker.getContainer(container).stop({ t: 1 });
  try {
    return await body();
  } finally {
    await docker.getContainer(container).start();
  }
}

describe.runIf(available)("labs as topologies on a real Docker engine", () => {
  const dir = withCleanEngine();

  it("up memcached --tomcats 3: three Tomcats behind nginx, all serve one session", async () => {
    const up = await run(["up", "memcached", "--tomcats", "3", "--port", PORT, "--json"], { cwd: dir() });
    expect(up.exitCode, up.stderr).toBe(0);
    const res = jsonResult(up.stdout);
    expect(res.variant).toBe("memcached/msm@tomcat9 x3");
    expect(res.containers.map((c: { node: string }) => c.node).sort()).toEqual([
      "memcached",
      "nginx",
      "tomcat1",
      "tomcat2",
      "tomcat3",
    ]);
    const v = await run(["verify", "--json"]);
    expect(v.exitCode, v.stdout).toBe(0);
    const report = jsonResult(v.stdout);
    expect(statuses(report)).toEqual(ALL_PASS);
    expect(report.checks[1].summary).toBe("all 3 Tomcats served: tomcat1, tomcat2, tomcat3");
    const status = jsonResult((await run(["status", "--json"])).stdout);
    expect(status.labs[0].containers.filter((c: { role: string }) => c.role === "tomcat")).toHaveLength(3);
  });

  it("verify with one Tomcat stopped: exit 1 within 10 s, naming the container, the session living on", async () => {
    await stopped("sessionlab-memcached-tomcat2", async () => {
      const started = Date.now();
      const v = await run(["verify", "--json"]);
      const seconds = (Date.now() - started) / 1000;
      expect(v.exitCode).toBe(1);
      expect(seconds).toBeLessThan(10);
      const report = jsonResult(v.stdout);
      const s = statuses(report);
      expect(s).toMatchObject({
        containers: "fail",
        "both-nodes": "fail",
        "one-session": "pass",
        counter: "pass",
      });
      expect(report.checks[0].summary).toBe("tomcat2 (sessionlab-memcached-tomcat2) is exited");
    });
  });

  it("with memcached stopped, the 3-Tomcat lab fails verify", async () => {
    await stopped("sessionlab-memcached-memcached", async () => {
      const v = await run(["verify", "--json"]);
      expect(v.exitCode).toBe(1);
      expect(statuses(jsonResult(v.stdout))).toMatchObject({ "in-store": "fail", "one-session": "fail" });
    });
  });

  it("up redis --manager msm: memcached-session-manager on its Redis backend, read back from Redis", async () => {
    await run(["down", "--all"]);
    const up = await run(["up", "redis", "--manager", "msm", "--port", PORT, "--json"], { cwd: dir() });
    expect(up.exitCode, up.stderr).toBe(0);
    expect(jsonResult(up.stdout).variant).toBe("redis/msm@tomcat9");
    const conf = await readFile(join(dir(), "sessionlab-redis", "tomcat1", "conf", "context.xml"), "utf8");
    expect(conf).toMatch(/memcachedNodes="redis:\/\/:[\w.~-]+@redis:6379\/0"/);
    const v = await run(["verify", "--json"]);
    expect(v.exitCode, v.stdout).toBe(0);
    const report = jsonResult(v.stdout);
    expect(statuses(report)).toEqual(ALL_PASS);
    const store = report.checks.find((c: { id: string }) => c.id === "in-store");
    expect(store.summary).toMatch(
      /^[0-9A-F]{32}\.tomcat\d found in redis container sessionlab-redis-redis, TTL 1[012]\d s$/,
    );
    await stopped("sessionlab-redis-redis", async () => {
      const broken = await run(["verify", "--json"]);
      expect(broken.exitCode).toBe(1);
      expect(statuses(jsonResult(broken.stdout))).toMatchObject({ "in-store": "fail" });
    });
  });

  it("init + edit + up DIR runs the user's own lab; config and topology mistakes stop it before any container", async () => {
    await run(["down", "--all"]);
    const lab = join(dir(), "mylab");
    const init = await run(["init", "memcached", lab, "--tomcats", "3"], { cwd: dir() });
    expect(init.exitCode, init.stderr).toBe(0);
    const topo = JSON.parse(await readFile(join(lab, "lab.json"), "utf8"));
    expect(topo).toMatchObject({ name: "mylab", nodes: { tomcat: { kind: "tomcat", count: 3 } } });

    // The user's own edit (a longer backup timeout) is what runs.
    const ctx = join(lab, "tomcat1", "conf", "context.xml");
    await writeFile(
      ctx,
      (await readFile(ctx, "utf8")).replace('sessionBackupTimeout="1000"', 'sessionBackupTimeout="2000"'),
    );
    const up = await run(["up", lab, "--port", PORT, "--json"], { cwd: dir() });
    expect(up.exitCode, up.stderr).toBe(0);
    expect(up.stderr).toContain("keeping your edited tomcat1/conf/context.xml");
    expect(jsonResult(up.stdout)).toMatchObject({
      instance: "mylab",
      variant: "mylab/msm@tomcat9 x3",
      dir: lab,
    });
    const v = await run(["verify"]);
    expect(v.exitCode, v.stdout).toBe(0);
    await run(["down", "mylab"]);

    // A pasted no-break space in a Manager attribute: named at file:line:col, nothing started.
    await writeFile(ctx, (await readFile(ctx, "utf8")).replace('sticky="false"', 'sticky="false\u00a0"'));
    const bad = await run(["up", lab, "--port", PORT]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("error: the lab's configs have");
    expect(bad.stderr).toMatch(/tomcat1\/conf\/context\.xml:\d+:\d+ /);
    expect((await labelled("mylab")).containers).toEqual([]);

    // A topology mistake: one line with the file and the path inside it.
    await writeFile(
      join(lab, "lab.json"),
      JSON.stringify({ ...topo, nodes: { ...topo.nodes, tomcat: { kind: "tomcat", count: 9 } } }),
    );
    const topoErr = await run(["up", lab, "--port", PORT]);
    expect(topoErr.exitCode).toBe(2);
    expect(topoErr.stderr).toContain(
      `error: ${join(lab, "lab.json")}: nodes.tomcat.count: Too big: expected number to be <=5`,
    );
  });
});
