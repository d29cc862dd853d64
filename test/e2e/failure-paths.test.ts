import { describe, expect, it } from "vitest";
import { engineAvailable, jsonResult, labelled, run, statuses, withCleanEngine, workDir } from "./harness.js";

const available = await engineAvailable();
const noEngine = available ? "" : " (skipped: no Docker engine)";

describe("bad input and bad environments: one sentence, a fix, exit 2", () => {
  it("unknown lab lists the valid ones", async () => {
    const r = await run(["up", "memcache"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('error: unknown lab "memcache"');
    expect(r.stderr).toContain("fix: choose one of: cluster, memcached, msm-sticky, no-sharing, redis");
  });

  it("--serializer kryo stops before building, with the reason", async () => {
    const r = await run(["up", "memcached", "--serializer", "kryo"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/kryo serializer .* fails on Java 9\+ with NoSuchFieldException: parentOffset/);
  });

  it("an unreachable Docker engine is named", async () => {
    const r = await run(["status"], { env: { DOCKER_HOST: "unix:///nonexistent/docker.sock" } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("the Docker engine at unix:///nonexistent/docker.sock is not reachable");
  });

  // It gets past the engine check before downloading, so it needs an engine (on CI one is required).
  it.skipIf(!available)(`a download that cannot happen is named with the URL${noEngine}`, async () => {
    const r = await run(["up", "memcached", "--port", "18081", "--maven-repo", "http://127.0.0.1:9/maven2"], {
      env: { SESSIONLAB_CACHE_DIR: await workDir() },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /could not download http:\/\/127\.0\.0\.1:9\/maven2\/org\/apache\/tomcat\/tomcat\/9\.0\.\d+/,
    );
  });

  it("verify --url on an address where nothing listens cannot run: exit 2", async () => {
    const r = await run(["verify", "--url", "http://127.0.0.1:9/"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("could not reach http://127.0.0.1:9/");
  });
});

describe.runIf(available)(`the no-sharing lab: the walkthrough's 'before' state${noEngine}`, () => {
  const dir = withCleanEngine();

  it("verify exits 1: every switch of Tomcat starts a new session", async () => {
    const up = await run(["up", "no-sharing", "--port", "18082"], { cwd: dir() });
    expect(up.exitCode, up.stderr).toBe(0);
    const r = await run(["verify", "--json"]);
    expect(r.exitCode).toBe(1);
    const status = statuses(jsonResult(r.stdout));
    expect(status).toMatchObject({
      "both-nodes": "pass",
      "one-session": "fail",
      counter: "fail",
      "in-store": "skip",
    });
    // With two labs, `down` without a name refuses to guess.
    const second = await run(["up", "no-sharing", "--name", "second", "--port", "18084"], { cwd: dir() });
    expect(second.exitCode, second.stderr).toBe(0);
    const ambiguous = await run(["down"]);
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toContain("several labs exist: no-sharing, second");
    expect((await labelled()).containers.length).toBe(6);
    const down = await run(["down", "--all"]);
    expect(down.exitCode).toBe(0);
    expect(await labelled()).toEqual({ containers: [], networks: [] });
  });
});
