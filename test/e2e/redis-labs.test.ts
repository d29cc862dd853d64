import { copyFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheDir } from "../../src/core/paths.js";
import {
  ALL_PASS,
  type Report,
  docker,
  engineAvailable,
  labelled,
  run,
  statuses,
  withCleanEngine,
  jsonResult,
} from "./harness.js";

const PORT = "18083";
const available = await engineAvailable();

async function redisContainer() {
  const [c] = await docker.listContainers({
    all: true,
    filters: { label: ["io.sessionlab.lab=redis", "io.sessionlab.role=store"] },
  });
  return docker.getContainer(c!.Id);
}

/** Stops Redis, runs verify, starts Redis again; returns verify's exit code and report. */
async function verifyWithRedisStopped(): Promise<{ exitCode: number; report: Report }> {
  const redis = await redisContainer();
  await redis.stop({ t: 1 });
  try {
    const r = await run(["verify", "--json"]);
    return { exitCode: r.exitCode, report: jsonResult(r.stdout) };
  } finally {
    await redis.start();
  }
}

describe.runIf(available)("redis labs on a real Docker engine", () => {
  const dir = withCleanEngine();

  it("up redis: the classic manager on Tomcat 7, Valve then Manager, classes matching the jar", async () => {
    const r = await run(["up", "redis", "--port", PORT, "--json"], { cwd: dir() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(jsonResult(r.stdout).variant).toBe("redis/classic@tomcat7");
    const ctx = await readFile(join(dir(), "sessionlab-redis/tomcat1/conf/context.xml"), "utf8");
    const valve = ctx.indexOf(
      '<Valve className="com.bluejeans.tomcat.redissessions.RedisSessionHandlerValve"',
    );
    const manager = ctx.indexOf(
      '<Manager className="com.bluejeans.tomcat.redissessions.RedisSessionManager"',
    );
    expect(valve).toBeGreaterThan(0);
    expect(manager).toBeGreaterThan(valve);
    // The walkthrough's maxInactiveInterval is left out: Tomcat 7.0.68+ ignores it; web.xml sets the timeout.
    expect(ctx).not.toMatch(/<Manager[^>]*maxInactiveInterval=/);
    const webXml = await readFile(
      join(dir(), "sessionlab-redis/tomcat1/webapps/ROOT/WEB-INF/web.xml"),
      "utf8",
    );
    expect(webXml).toContain("<session-timeout>1</session-timeout>");
  });

  it("Redis is protected: not published, protected mode on, a password required", async () => {
    const conf = await readFile(join(dir(), "sessionlab-redis/redis/redis.conf"), "utf8");
    expect(conf).toMatch(/^protected-mode yes$/m);
    expect(conf).toMatch(/^requirepass \S{20,}$/m);
    const [c] = await docker.listContainers({
      filters: { label: ["io.sessionlab.lab=redis", "io.sessionlab.role=store"] },
    });
    expect(c!.Ports.filter((p) => p.PublicPort)).toEqual([]);
    // Over the lab network (not loopback) and without the password, Redis refuses.
    const exec = await (
      await redisContainer()
    ).exec({ Cmd: ["redis-cli", "-h", "redis", "ping"], AttachStdout: true });
    const out = await new Promise<string>((resolve) => {
      void exec.start({}).then((s) => {
        let text = "";
        s.on("data", (d: Buffer) => (text += d.toString()));
        s.on("end", () => resolve(text));
      });
    });
    expect(out).toContain("NOAUTH");
  });

  it("verify passes, reading the session key from Redis with the session timeout as TTL", async () => {
    const r = await run(["verify", "--json"]);
    expect(r.exitCode, r.stdout).toBe(0);
    const report: Report = jsonResult(r.stdout);
    expect(statuses(report)).toEqual(ALL_PASS);
    const store = report.checks.find((c) => c.id === "in-store")!;
    expect(store.summary).toMatch(
      /^[0-9A-F]{32}\.tomcat[12] found in redis container sessionlab-redis-redis, TTL (4[5-9]|5\d|60) s$/,
    );
  });

  it("verify --url with --store redis:// reads the session from Redis by its network address", async () => {
    // The lab's own container, on the lab's own network: Redis is not published on the host.
    const info = await (await redisContainer()).inspect();
    const ip = Object.values(info.NetworkSettings.Networks)[0]!.IPAddress;
    const conf = await readFile(join(dir(), "sessionlab-redis/redis/redis.conf"), "utf8");
    const password = /^requirepass (\S+)$/m.exec(conf)![1];
    const url = `http://127.0.0.1:${PORT}/probe.jsp`;
    const ok = await run(["verify", "--url", url, "--store", `redis://:${password}@${ip}:6379`, "--json"]);
    expect(ok.exitCode, ok.stdout).toBe(0);
    expect((jsonResult(ok.stdout) as Report).checks.find((c) => c.id === "in-store")!.status).toBe("pass");
    const wrong = await run([
      "verify",
      "--url",
      url,
      "--store",
      `redis://:not-the-password@${ip}:6379`,
      "--json",
    ]);
    expect(wrong.exitCode).toBe(1);
    const store = (jsonResult(wrong.stdout) as Report).checks.find((c) => c.id === "in-store")!;
    expect(store.summary).toMatch(/could not read redis at .*WRONGPASS/);
  });

  it("verify exits 1, naming the store check, when Redis is stopped", async () => {
    const { exitCode, report } = await verifyWithRedisStopped();
    expect(exitCode).toBe(1);
    expect(report.checks.find((c) => c.id === "in-store")).toMatchObject({
      status: "fail",
      summary: "the store container sessionlab-redis-redis is exited",
    });
    expect(statuses(report)["one-session"]).toBe("fail");
  });

  it("up redis --manager redisson replaces the classic lab and verify passes (key redisson:tomcat_session:…)", async () => {
    const r = await run(["up", "redis", "--manager", "redisson", "--port", PORT], { cwd: dir() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain("replacing it with redis/redisson@tomcat9");
    const v = await run(["verify", "--json"]);
    expect(v.exitCode, v.stdout).toBe(0);
    const store = (jsonResult(v.stdout) as Report).checks.find((c) => c.id === "in-store")!;
    // Redisson sets the key's TTL to the session timeout plus 60 s.
    expect(store.summary).toMatch(
      /^redisson:tomcat_session:[0-9A-F]{32}\.tomcat[12] found in redis .*, TTL (10[5-9]|11\d|120) s$/,
    );
  });

  it("the Redisson lab fails verify (exit 1) when Redis is stopped", async () => {
    const { exitCode, report } = await verifyWithRedisStopped();
    expect(exitCode).toBe(1);
    expect(statuses(report)["in-store"]).toBe("fail");
  });

  it("Redisson on Tomcat 10.1 (jakarta) with the matching jar", async () => {
    const r = await run(
      ["up", "redis", "--manager", "redisson", "--tomcat", "10.1", "--port", PORT, "--json"],
      { cwd: dir() },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(jsonResult(r.stdout).variant).toBe("redis/redisson@tomcat10.1");
    const v = await run(["verify", "--json"]);
    expect(v.exitCode, v.stdout).toBe(0);
  });

  it("--jars: the user's own jars go into lib/ and the config follows their package", async () => {
    // Reuse the verified jars from the cache as "the user's own" build.
    const cache = cacheDir();
    const jars = join(dir(), "my-jars");
    await mkdir(jars, { recursive: true });
    for (const rel of [
      "com/bluejeans/tomcat-redis-session-manager/2.0.0/tomcat-redis-session-manager-2.0.0.jar",
      "redis/clients/jedis/2.5.2/jedis-2.5.2.jar",
      "org/apache/commons/commons-pool2/2.2/commons-pool2-2.2.jar",
    ]) {
      await copyFile(join(cache, "maven", rel), join(jars, rel.split("/").at(-1)!));
    }
    const r = await run(["up", "redis", "--jars", jars, "--port", PORT], { cwd: dir() });
    expect(r.exitCode, r.stderr).toBe(0);
    const v = await run(["verify"]);
    expect(v.exitCode, v.stdout).toBe(0);
  });

  it("down leaves nothing", async () => {
    const r = await run(["down"]);
    expect(r.exitCode).toBe(0);
    expect(await labelled()).toEqual({ containers: [], networks: [] });
  });
});
