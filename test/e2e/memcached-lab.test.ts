import { readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ALL_PASS,
  type Report,
  docker,
  engineAvailable,
  labelled,
  run,
  sessionlab,
  statuses,
  withCleanEngine,
  jsonResult,
} from "./harness.js";

// One memcached lab for the whole file; each test reads or perturbs it and puts it back.
const PORT = "18080";
const available = await engineAvailable();
describe.runIf(available)("memcached lab on a real Docker engine", () => {
  const dir = withCleanEngine();

  it("up memcached builds, starts and waits until both Tomcats serve through nginx", async () => {
    const r = await run(["up", "memcached", "--port", PORT, "--json"], { cwd: dir() });
    expect(r.exitCode, r.stderr).toBe(0);
    const res = jsonResult(r.stdout);
    expect(res).toMatchObject({ instance: "memcached", url: `http://127.0.0.1:${PORT}` });
    expect(res.containers.map((c: { node: string }) => c.node).sort()).toEqual([
      "memcached",
      "nginx",
      "tomcat1",
      "tomcat2",
    ]);
    // The rendered configs are in the lab folder, and they are what the containers run.
    const serverXml = await readFile(join(dir(), "sessionlab-memcached/tomcat2/conf/server.xml"), "utf8");
    expect(serverXml).toContain('<Engine name="Catalina" defaultHost="localhost" jvmRoute="tomcat2">');
    const context = await readFile(join(dir(), "sessionlab-memcached/tomcat1/conf/context.xml"), "utf8");
    expect(context).toContain('memcachedNodes="n1:memcached:11211" sticky="false" lockingMode="auto"');
    expect(context).toContain("JavaSerializationTranscoderFactory");
  });

  it("publishes only nginx, and only on 127.0.0.1", async () => {
    const list = await docker.listContainers({ filters: { label: ["io.sessionlab.lab=memcached"] } });
    const published = list.flatMap((c) =>
      c.Ports.filter((p) => p.PublicPort).map((p) => `${p.IP}:${p.PublicPort}`),
    );
    expect(published).toEqual([`127.0.0.1:${PORT}`]);
  });

  it("verify passes all five checks with evidence", async () => {
    const r = await run(["verify", "--json"]);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const report: Report = jsonResult(r.stdout);
    expect(statuses(report)).toEqual(ALL_PASS);
    expect(report.requests.length).toBeGreaterThanOrEqual(20);
    const nodes = new Set(report.requests.map((o) => o.node));
    expect(nodes).toEqual(new Set(["tomcat1", "tomcat2"]));
  });

  it("verify prints a table a person can read", async () => {
    const r = await run(["verify"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+all Tomcats served/);
    expect(r.stdout).toMatch(
      /PASS\s+session is in the store\s+[0-9A-F]{32}-n1\.tomcat\d found in memcached container/,
    );
    expect(r.stdout).toContain("the session is shared");
  });

  it("verify --url works on the classic index.jsp (SessionID: and <h1>)", async () => {
    const r = await run(["verify", "--url", `http://127.0.0.1:${PORT}/`, "--json"]);
    expect(r.exitCode, r.stdout).toBe(0);
    const report = jsonResult(r.stdout);
    expect(report.target.page).toBe("classic");
    // The classic page has no counter and no store was named: skipped, never passed.
    expect(statuses(report)).toEqual({
      "both-nodes": "pass",
      "one-session": "pass",
      counter: "skip",
      "in-store": "skip",
      parallel: "pass",
    });
  });

  it("verify --url with --store memcached:// reads the session from memcached by its network address", async () => {
    const [store] = await docker.listContainers({ filters: { label: ["io.sessionlab.role=store"] } });
    const ip = Object.values(store!.NetworkSettings.Networks)[0]!.IPAddress;
    const r = await run([
      "verify",
      "--url",
      `http://127.0.0.1:${PORT}/probe.jsp`,
      "--store",
      `memcached://${ip}:11211`,
    ]);
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/PASS\s+session is in the store\s+\S+ found in memcached at /);
  });

  it("up again on the running lab leaves it running", async () => {
    const before = await labelled("memcached");
    const r = await run(["up", "memcached", "--port", PORT, "--json"], { cwd: dir() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(jsonResult(r.stdout).alreadyRunning).toBe(true);
    expect(await labelled("memcached")).toEqual(before);
  });

  it("an edited config is applied by running up again: the lab is recreated with it", async () => {
    const conf = join(dir(), "sessionlab-memcached/nginx/nginx.conf");
    await writeFile(conf, (await readFile(conf, "utf8")) + "# edited by hand\n");
    const r = await run(["up", "memcached", "--port", PORT], { cwd: dir() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain("keeping your edited nginx/nginx.conf");
    expect(r.stderr).toContain("configs or options changed; recreating its containers");
    expect((await run(["verify"])).exitCode).toBe(0);
  });

  it("status lists the four running containers", async () => {
    const r = await run(["status", "--json"]);
    expect(r.exitCode).toBe(0);
    const lab = jsonResult(r.stdout).labs[0];
    expect(lab.containers.map((c: { state: string }) => c.state)).toEqual([
      "running",
      "running",
      "running",
      "running",
    ]);
  });

  it("logs shows a node's log", async () => {
    const r = await run(["logs", "tomcat1", "--tail", "500"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/MemcachedSessionService/);
    // -f keeps streaming until Ctrl-C, then ends cleanly.
    const follow = sessionlab(["logs", "tomcat1", "-f", "--tail", "5"]);
    await new Promise<void>((resolve) => {
      // Tomcat logs to stderr, so its lines arrive there.
      follow.stdout?.once("data", () => resolve());
      follow.stderr?.once("data", () => resolve());
      void follow.finally(resolve);
    });
    follow.kill("SIGINT");
    expect((await follow).exitCode).toBe(0);
    const bad = await run(["logs", "tomcat9"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('has no node "tomcat9"');
  });

  it("verify fails (exit 1) naming the failed checks when memcached is stopped", async () => {
    const [store] = await docker.listContainers({ filters: { label: ["io.sessionlab.role=store"] } });
    await docker.getContainer(store!.Id).stop({ t: 1 });
    try {
      const r = await run(["verify", "--json"]);
      expect(r.exitCode).toBe(1);
      const failed = jsonResult(r.stdout)
        .checks.filter((c: { status: string }) => c.status === "fail")
        .map((c: { id: string }) => c.id);
      expect(failed).toEqual(expect.arrayContaining(["one-session", "counter", "in-store"]));
      const status = await run(["status"]);
      expect(status.exitCode).toBe(1);
      expect(status.stdout).toMatch(/memcached\s+store\s+exited/);
      const human = await run(["verify"]);
      expect(human.exitCode).toBe(1);
      expect(human.stdout).toMatch(/FAIL\s+session is in the store\s+the store container \S+ is exited/);
    } finally {
      await docker.getContainer(store!.Id).start();
    }
  });

  it("up refuses a port that is taken, in one sentence with a fix", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(18090, "127.0.0.1", r));
    try {
      const r = await run(["up", "memcached", "--name", "other", "--port", "18090"], { cwd: dir() });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain("port 18090 on 127.0.0.1 is already in use");
      expect(r.stderr).toContain("fix:");
      expect((await labelled("other")).containers).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it("down removes exactly the lab's containers and network, and is idempotent", async () => {
    // Something that is not sessionlab's must survive.
    const bystander = await docker.createNetwork({ Name: "not-sessionlab-e2e" });
    try {
      const r = await run(["down", "memcached"]);
      expect(r.exitCode).toBe(0);
      expect(await labelled()).toEqual({ containers: [], networks: [] });
      expect((await docker.listNetworks({ filters: { name: ["not-sessionlab-e2e"] } })).length).toBe(1);
      const again = await run(["down", "memcached"]);
      expect(again.exitCode).toBe(0);
      expect(again.stdout).toContain("nothing to remove");
    } finally {
      await bystander.remove();
    }
  });

  it("a Tomcat that dies at start: up names it fast, shows its log, and cleans up", async () => {
    const xml = join(dir(), "sessionlab-memcached/tomcat1/conf/server.xml");
    const good = await readFile(xml, "utf8");
    await writeFile(xml, good.replace("<Server ", "<Server<"));
    try {
      // By default diff-config stops it before any container starts, naming the place.
      const checked = await run(["up", "memcached", "--port", PORT], { cwd: dir() });
      expect(checked.exitCode).toBe(2);
      expect(checked.stderr).toMatch(/tomcat1\/conf\/server\.xml:\d+:\d+ .*xml-well-formed/);
      expect(await labelled("memcached")).toEqual({ containers: [], networks: [] });
      // --no-check starts it anyway: the Tomcat dies, and up says so.
      const started = Date.now();
      const r = await run(["up", "memcached", "--port", PORT, "--timeout", "90", "--no-check"], {
        cwd: dir(),
      });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/tomcat1 \(sessionlab-memcached-tomcat1\) exited with code \d+/);
      expect(r.stderr).toContain("last log lines of sessionlab-memcached-tomcat1");
      // The other waits stop with it, long before the 90 s deadline.
      expect(Date.now() - started).toBeLessThan(45_000);
      expect(await labelled("memcached")).toEqual({ containers: [], networks: [] });
    } finally {
      await writeFile(xml, good);
    }
  });

  it("a broken nginx.conf the user edited: up names nginx, shows its log, and cleans up", async () => {
    const conf = join(dir(), "sessionlab-memcached/nginx/nginx.conf");
    const good = await readFile(conf, "utf8");
    await writeFile(conf, good.replace("worker_processes 1;", "worker_processes 1;\nupstrem broken;"));
    try {
      const r = await run(["up", "memcached", "--port", PORT, "--timeout", "30", "--no-check"], {
        cwd: dir(),
      });
      expect(r.exitCode).toBe(2);
      // The images are tagged by content hash: an unchanged lab is not rebuilt.
      expect(r.stderr).not.toContain("building");
      expect(r.stderr).toContain("keeping your edited nginx/nginx.conf");
      expect(r.stderr).toMatch(/nginx \(sessionlab-memcached-nginx\) exited with code 1/);
      expect(r.stderr).toContain('unknown directive "upstrem"');
      expect(await labelled("memcached")).toEqual({ containers: [], networks: [] });
    } finally {
      await writeFile(conf, good);
    }
  });

  it("Ctrl-C during up leaves nothing half-made", async () => {
    const child = sessionlab(["up", "memcached", "--port", PORT], { cwd: dir() });
    // Interrupt once containers are being created: the worst moment.
    await new Promise<void>((resolve) => {
      child.stderr?.on("data", (d: Buffer) => {
        if (d.toString().includes("starting memcached")) resolve();
      });
      void child.finally(resolve); // never hang if that line does not come
    });
    child.kill("SIGINT");
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(await labelled("memcached")).toEqual({ containers: [], networks: [] });
  });

  it("down --purge deletes the configs sessionlab rendered, and keeps the user's own files", async () => {
    const folder = join(dir(), "sessionlab-memcached");
    await writeFile(join(folder, "my-notes.txt"), "mine");
    const r = await run(["down", "memcached", "--purge"], { cwd: dir() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`kept your file ${folder}/my-notes.txt`);
    // nginx.conf was edited by hand above: it is the user's now, so it stays too.
    expect((await readdir(folder)).sort()).toEqual(["my-notes.txt", "nginx"]);
    expect(await readdir(join(folder, "nginx"))).toEqual(["nginx.conf"]);
  });
});
