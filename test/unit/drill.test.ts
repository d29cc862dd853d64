import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createProgress } from "../../src/core/progress.js";
import { drill } from "../../src/drill/run.js";
import type { TimelineEntry } from "../../src/drill/traffic.js";
import { lostUpdates, measure, verdictOf } from "../../src/drill/verdict.js";
import { FakeRuntime } from "../support/fake-runtime.js";

const entry = (
  client: number,
  n: number,
  t: number,
  sessionId: string | undefined,
  counter?: number,
): TimelineEntry => ({
  client,
  n,
  t,
  node: "tomcat1",
  sessionId,
  counter,
  ms: 5,
  outcome: sessionId ? "ok" : "error",
  error: sessionId ? undefined : "HTTP 502",
});

describe("drill verdicts from a timeline", () => {
  it("counts failed requests, lost sessions (new id or counter reset) and the time until all are served", () => {
    const timeline = [
      entry(1, 1, 0, "AAA.tomcat1", 1),
      entry(1, 2, 1000, undefined),
      entry(1, 3, 1800, "AAA.tomcat2", 2),
      entry(2, 1, 0, "BBB.tomcat2", 1),
      entry(2, 2, 1200, "CCC.tomcat1", 1),
      entry(3, 1, 0, "DDD.tomcat1", 5),
      entry(3, 2, 1300, "DDD.tomcat1", 1),
    ];
    const m = measure(timeline, 900);
    expect(m).toMatchObject({ requests: 7, requestsFailed: 1, sessionsLost: 2, secondsToServeAll: 0.9 });
    expect(m.evidence).toContain("client 2 #2 at 1.2 s on tomcat1: new session CCC (was BBB)");
    expect(m.evidence).toContain(
      "client 3 #2 at 1.3 s on tomcat1: counter 1 after 5, the session's data was lost",
    );
    expect(verdictOf(m, "keeps")).toBe("broken promise");
    expect(verdictOf(m, "loses")).toBe("as designed");
    expect(verdictOf(measure(timeline.slice(0, 3), 900), "keeps")).toBe("kept");
    expect(lostUpdates(1, 25, 24)).toBe(0);
    expect(lostUpdates(1, 13, 24)).toBe(12);
  });

  it("says how many requests were sent again after nginx closed a kept-alive connection", () => {
    const timeline = [
      entry(1, 1, 0, "AAA.tomcat1", 1),
      { ...entry(1, 2, 1000, "AAA.tomcat1", 2), retried: "other side closed" },
    ];
    const m = measure(timeline, 900);
    expect(m).toMatchObject({ requests: 2, requestsFailed: 0, requestsRetried: 1 });
    expect(m.evidence.at(-1)).toMatch(
      /^1 request\(s\) sent again on a new connection.*\(other side closed\)/,
    );
    expect(measure(timeline.slice(0, 1), 900).requestsRetried).toBeUndefined();
  });
});

/**
 * A stand-in lab behind a real local HTTP server: two "Tomcats" sharing sessions round robin, each
 * serving only while the fake engine says its container runs — so a drill that does not really stop
 * the container cannot show the effects the test expects.
 */
function fakeLab(rt: FakeRuntime, opts: { shared: boolean }): Promise<{ server: Server; port: number }> {
  const sessions = new Map<string, number>();
  let turn = 0;
  let seq = 0;
  const server = createServer((req, res) => {
    const running = [...rt.containers.values()]
      .filter((c) => c.labels["io.sessionlab.role"] === "tomcat" && c.state === "running")
      .map((c) => c.labels["io.sessionlab.node"]!);
    if (!running.length) {
      res.writeHead(502).end("<h1>502 Bad Gateway</h1>");
      return;
    }
    const node = running[turn++ % running.length]!;
    const cookie = /JSESSIONID=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    const key = opts.shared ? cookie : `${node}:${cookie}`;
    let id = cookie;
    if (!cookie || !sessions.has(key!)) {
      id = `${String(++seq).padStart(32, "0")}.${node}`;
    }
    const k = opts.shared ? id! : `${node}:${id}`;
    const counter = (sessions.get(k) ?? 0) + 1;
    sessions.set(k, counter);
    res.writeHead(200, { "content-type": "application/json", "set-cookie": `JSESSIONID=${id}; Path=/` });
    res.end(JSON.stringify({ node, sessionId: id, counter }));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })),
  );
}

async function startLab(rt: FakeRuntime, port: number, kind: string): Promise<void> {
  const labels = (node: string, role: string, nodeKind: string) => ({
    "io.sessionlab.managed": "true",
    "io.sessionlab.lab": kind,
    "io.sessionlab.kind": kind,
    "io.sessionlab.port": String(port),
    "io.sessionlab.dir": "/tmp/sl-drill-fake",
    "io.sessionlab.role": role,
    "io.sessionlab.node": node,
    "io.sessionlab.node-kind": nodeKind,
    "io.sessionlab.node-index": node.replace(/\D/g, "") || "1",
  });
  for (const [node, role, k] of [
    ["tomcat1", "tomcat", "tomcat"],
    ["tomcat2", "tomcat", "tomcat"],
    ["nginx", "nginx", "nginx"],
    ...(kind === "memcached" ? [["memcached", "store", "memcached"]] : []),
  ] as const)
    await rt.createAndStart({
      name: `sl-${node}`,
      image: "x",
      network: "n",
      aliases: [node],
      labels: labels(node, role, k),
    });
}

describe("drill on a fake engine and a local stand-in lab", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function setUp(kind: string, shared: boolean) {
    const rt = new FakeRuntime();
    // Readiness of a restarted node: Tomcat answers its probe, memcached its version; nginx lists
    // its worker pids, which a reload replaces.
    let worker = 100;
    rt.execReply = (_name, cmd) => {
      const line = cmd.join(" ");
      if (line === "nginx -s reload") worker++;
      return {
        exitCode: 0,
        stdout: line.includes("nginx.pid")
          ? `${worker}\n`
          : line.includes("version")
            ? "VERSION 1.6"
            : "HTTP/1.1 200 OK\r\n\r\n{}",
        stderr: "",
      };
    };
    const lab = await fakeLab(rt, { shared });
    server = lab.server;
    await startLab(rt, lab.port, kind);
    return rt;
  }
  const run = (rt: FakeRuntime, scenarios: string[], strict = false) =>
    drill({
      scenarios,
      clients: 3,
      windowMs: 400,
      strict,
      runtime: rt,
      progress: createProgress({ quiet: true }),
    });

  it("tomcat-stop really stops the serving Tomcat, keeps clients going on the other, and starts it again", async () => {
    const rt = await setUp("memcached", true);
    const report = await run(rt, ["tomcat-stop"]);
    const r = report.results[0]!;
    expect(rt.log.filter((l) => /^(stop|start) /.test(l))).toEqual([`stop ${r.target}`, `start ${r.target}`]);
    const stopped = r.target!.replace("sl-", "");
    // While it was down only the other Tomcat served: the fault is visible in the timeline.
    const during = r.timeline!.filter((e) => e.t > 1100 && e.t < 1300);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((e) => e.node !== stopped)).toBe(true);
    expect(r).toMatchObject({ verdict: "kept", measure: { sessionsLost: 0, requestsFailed: 0 } });
    expect(report.ok).toBe(true);
    expect([...rt.containers.values()].every((c) => c.state === "running")).toBe(true);
  });

  it("tomcat-kill kills instead of stopping", async () => {
    const rt = await setUp("memcached", true);
    const r = (await run(rt, ["tomcat-kill"])).results[0]!;
    expect(rt.log.filter((l) => /^(kill|stop|start) /.test(l))).toEqual([
      `kill ${r.target}`,
      `start ${r.target}`,
    ]);
  });

  it("without sharing, tomcat-stop loses sessions: a broken promise unless the lab promises the loss", async () => {
    const rt = await setUp("no-sharing", false);
    const report = await run(rt, ["tomcat-stop"]);
    expect(report.results[0]!.measure!.sessionsLost).toBeGreaterThan(0);
    // no-sharing promises exactly that loss: as designed, and exit 1 only with --strict.
    expect(report.results[0]!.verdict).toBe("as designed");
    expect(report.ok).toBe(true);
    expect((await run(rt, ["tomcat-stop"], true)).ok).toBe(false);
  });

  it("store drills stop and start the store node, and do not apply to a lab without a store", async () => {
    const rt = await setUp("memcached", true);
    const report = await run(rt, ["store-stop", "store-restart"]);
    expect(rt.log.filter((l) => /^(stop|start) /.test(l))).toEqual([
      "stop sl-memcached",
      "start sl-memcached",
      "stop sl-memcached",
      "start sl-memcached",
    ]);
    expect(report.results.map((r) => r.target)).toEqual(["sl-memcached", "sl-memcached"]);
    const none = await setUp("no-sharing", false);
    expect((await run(none, ["store-stop"])).results[0]!.notApplicable).toBe(
      "lab no-sharing has no session store",
    );
  });

  it("store-latency adds netem delay inside the store container as root, and removes it", async () => {
    const rt = await setUp("memcached", true);
    const seen: string[] = [];
    const reply = rt.execReply;
    rt.execReply = (name, cmd) => (seen.push(`${name}: ${cmd.join(" ")}`), reply(name, cmd));
    await run(rt, ["store-latency"]);
    expect(seen.filter((l) => l.includes("tc qdisc"))).toEqual([
      "sl-memcached: tc qdisc add dev eth0 root netem delay 200ms",
      "sl-memcached: tc qdisc del dev eth0 root",
    ]);
  });

  it("nginx-reload runs nginx -s reload in the nginx container", async () => {
    const rt = await setUp("memcached", true);
    const seen: string[] = [];
    const reply = rt.execReply;
    rt.execReply = (name, cmd) => (seen.push(`${name}: ${cmd.join(" ")}`), reply(name, cmd));
    await run(rt, ["nginx-reload"]);
    expect(seen).toContain("sl-nginx: nginx -s reload");
  });

  it("concurrency counts lost updates in one session", async () => {
    const rt = await setUp("memcached", true);
    const r = (await run(rt, ["concurrency"])).results[0]!;
    expect(r.measure).toMatchObject({ updatesLost: 0, sessionsLost: 0, requests: 11 });
  });
});
