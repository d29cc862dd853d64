import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Agent, request } from "undici";
import { describe, expect, it } from "vitest";
import { nginxWorkers, reloadNginx } from "../../src/kinds/nginx.js";
import { connectRuntime } from "../../src/runtime/connect.js";
import { docker, engineAvailable, jsonResult, run, withCleanEngine } from "./harness.js";

// Real faults on real labs while real clients keep their sessions going.
const PORT = "18096";
const available = await engineAvailable();

type Result = {
  scenario: string;
  verdict?: string;
  target?: string;
  measure: {
    requests: number;
    requestsFailed: number;
    sessionsLost: number;
    updatesLost?: number;
    evidence: string[];
  };
  timeline: Array<{ t: number; node?: string; outcome: string }>;
};
const drill = async (args: string[]) => {
  const r = await run(["drill", ...args, "--json"]);
  return { exitCode: r.exitCode, stderr: r.stderr, results: jsonResult(r.stdout).results as Result[] };
};

describe.runIf(available)("drill on real labs", () => {
  const dir = withCleanEngine();

  it("memcached lab: tomcat-stop loses nothing; the stopped Tomcat served nothing while it was down", async () => {
    expect((await run(["up", "memcached", "--port", PORT], { cwd: dir() })).exitCode).toBe(0);
    const junit = join(dir(), "drill.xml");
    const r = await drill(["tomcat-stop", "--junit", junit]);
    expect(r.exitCode, r.stderr).toBe(0);
    const res = r.results[0]!;
    expect(res).toMatchObject({ scenario: "tomcat-stop", verdict: "kept", measure: { sessionsLost: 0 } });
    // The fault was real: right after it, only the other Tomcat answered.
    const stopped = res.target!.replace("sessionlab-memcached-", "");
    const firstMs = res.timeline.find((e) => e.node !== stopped && e.t > 1200)!.t;
    const window = res.timeline.filter((e) => e.t > firstMs && e.t < firstMs + 1500 && e.outcome === "ok");
    expect(window.length).toBeGreaterThan(10);
    expect(window.every((e) => e.node !== stopped)).toBe(true);
    expect(await readFile(junit, "utf8")).toMatch(
      /<testcase classname="sessionlab\.drill\.memcached" name="tomcat-stop"/,
    );
    // …and it is back.
    const status = jsonResult((await run(["status", "--json"])).stdout);
    expect(status.labs[0].containers.every((c: { state: string }) => c.state === "running")).toBe(true);
  });

  it("nginx reload returns once the workers from before it are gone; a keep-alive client keeps working", async () => {
    const runtime = await connectRuntime();
    const id = (await docker.getContainer("sessionlab-memcached-nginx").inspect()).Id;
    const url = `http://127.0.0.1:${PORT}/`;
    const agent = new Agent({ keepAliveTimeout: 10_000, connections: 1 });
    const get = async () => (await request(url, { dispatcher: agent })).body.text();
    try {
      await get(); // a keep-alive connection now held by an old worker
      for (let i = 0; i < 3; i++) {
        const before = await nginxWorkers(runtime, id);
        expect(before.length).toBeGreaterThan(0);
        await reloadNginx(runtime, id);
        const after = await nginxWorkers(runtime, id);
        expect(after.length).toBeGreaterThan(0);
        expect(after.filter((p) => before.includes(p))).toEqual([]);
        await get();
      }
    } finally {
      await agent.close();
    }
  });

  it("memcached lab: store-restart loses the sessions, as the lab declares (a single memcached node)", async () => {
    const r = await drill(["store-restart"]);
    expect(r.exitCode).toBe(0);
    expect(r.results[0]).toMatchObject({ verdict: "as designed" });
    expect(r.results[0]!.measure.sessionsLost).toBeGreaterThan(0);
    expect((await run(["drill", "store-restart", "--strict"])).exitCode).toBe(1);
  });

  it("store-latency: answers slow down by the added delay, or the kernel's missing netem is named", async () => {
    const r = await drill(["store-latency"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const res = r.results[0] as Result & {
      notApplicable?: string;
      measure?: { medianMs?: { before: number; during: number } };
    };
    if (res.notApplicable) expect(res.notApplicable).toMatch(/kernel has no netem qdisc \(sch_netem\)/);
    else expect(res.measure!.medianMs!.during).toBeGreaterThan(res.measure!.medianMs!.before + 150);
    // Either way the delay is gone afterwards.
    const tc = await docker.getContainer("sessionlab-memcached-memcached").exec({
      Cmd: ["tc", "qdisc", "show", "dev", "eth0"],
      User: "root",
      AttachStdout: true,
    });
    const out = await new Promise<string>((resolve) => {
      void tc.start({}).then((stream) => {
        let text = "";
        stream.on("data", (d: Buffer) => (text += d.toString()));
        stream.on("end", () => resolve(text));
      });
    });
    expect(out).not.toContain("netem");
  });

  it("concurrency: msm lockingMode=none loses more updates than lockingMode=auto", async () => {
    const lost = async () =>
      (await drill(["concurrency", "--clients", "16"])).results[0]!.measure.updatesLost!;
    const auto = await lost();
    const ctx = (t: string) => join(dir(), "sessionlab-memcached", t, "conf", "context.xml");
    for (const t of ["tomcat1", "tomcat2"])
      await writeFile(
        ctx(t),
        (await readFile(ctx(t), "utf8")).replace('lockingMode="auto"', 'lockingMode="none"'),
      );
    expect((await run(["up", "memcached", "--port", PORT], { cwd: dir() })).exitCode).toBe(0);
    const none = await lost();
    expect(none).toBeGreaterThan(auto);
    expect(none).toBeGreaterThan(10);
    expect((await run(["up", "memcached", "--port", PORT, "--reset-config"], { cwd: dir() })).exitCode).toBe(
      0,
    );
  });

  it("no-sharing lab: tomcat-stop loses sessions, named; exit 1 with --strict", async () => {
    await run(["down", "--all"]);
    expect((await run(["up", "no-sharing", "--port", PORT], { cwd: dir() })).exitCode).toBe(0);
    const r = await drill(["tomcat-stop", "--strict"]);
    expect(r.exitCode).toBe(1);
    expect(r.results[0]!.verdict).toBe("as designed");
    expect(r.results[0]!.measure.evidence[0]).toMatch(
      /^client \d+ #\d+ at [\d.]+ s on tomcat\d: new session [0-9A-F]{32} \(was [0-9A-F]{32}\)$/,
    );
    const store = await drill(["store-stop"]);
    expect(store.results[0]).toMatchObject({ notApplicable: "lab no-sharing has no session store" });
  });
});
