import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LabInstance } from "../../src/orchestrator/discover.js";
import type { DockerRuntime, ExecResult, LabContainer } from "../../src/runtime/docker.js";
import { checkInStore } from "../../src/verify/store-check.js";

// A stand-in engine whose redis container answers redis-cli with canned output.
function fakeRuntime(stdout: string, seen: string[][] = []): DockerRuntime {
  return {
    exec: async (_id: string, cmd: string[]): Promise<ExecResult> => {
      seen.push(cmd);
      return { exitCode: 0, stdout, stderr: "" };
    },
  } as unknown as DockerRuntime;
}

async function redisLab(manager: string, state = "running"): Promise<LabInstance> {
  const dir = await mkdtemp(join(tmpdir(), "sl-store-"));
  await mkdir(join(dir, "redis"));
  await writeFile(join(dir, "redis", "redis.conf"), "bind 0.0.0.0\nrequirepass s3cret-pass\n");
  const store = {
    id: "c1",
    name: "sessionlab-redis-redis",
    state,
    status: "",
    image: "",
    ports: [],
    labels: { "io.sessionlab.role": "store", "io.sessionlab.manager": manager },
  } satisfies LabContainer;
  return { instance: "redis", kind: "redis", dir, port: 8080, url: "", containers: [store] };
}

describe("checkInStore against a lab's Redis", () => {
  it("passes when the classic manager's key has the session timeout as TTL", async () => {
    const seen: string[][] = [];
    const r = await checkInStore(
      { via: "container", runtime: fakeRuntime("1\n58\n", seen), lab: await redisLab("classic") },
      "AB.tomcat1",
    );
    expect(r.status).toBe("pass");
    expect(seen[0]!.at(-1)).toBe("AB.tomcat1");
  });
  it("looks Redisson's key up and expects 60 s more", async () => {
    const seen: string[][] = [];
    const lab = await redisLab("redisson");
    const r = await checkInStore(
      { via: "container", runtime: fakeRuntime("1\n118\n", seen), lab },
      "AB.tomcat1",
    );
    expect(r.status).toBe("pass");
    expect(seen[0]!.at(-1)).toBe("redisson:tomcat_session:AB.tomcat1");
  });
  it("fails when the TTL does not match the session timeout", async () => {
    const r = await checkInStore(
      { via: "container", runtime: fakeRuntime("1\n1800\n"), lab: await redisLab("classic") },
      "AB",
    );
    expect(r.status).toBe("fail");
    expect(r.summary).toBe("AB has TTL 1800 s, expected about 60 s (session timeout 60 s from web.xml)");
  });
  it("fails when the key is not there", async () => {
    const r = await checkInStore(
      { via: "container", runtime: fakeRuntime("0\n-2\n"), lab: await redisLab("classic") },
      "AB",
    );
    expect(r).toMatchObject({
      status: "fail",
      summary: "AB is not in redis container sessionlab-redis-redis",
    });
  });
  it("fails, naming the container, when the store is stopped", async () => {
    const r = await checkInStore(
      { via: "container", runtime: fakeRuntime(""), lab: await redisLab("classic", "exited") },
      "AB",
    );
    expect(r.summary).toBe("the store container sessionlab-redis-redis is exited");
  });
  it("is skipped, never passed, with --url and no --store", async () => {
    expect((await checkInStore({ via: "none", reason: "not checked" }, "AB")).status).toBe("skip");
  });
});
