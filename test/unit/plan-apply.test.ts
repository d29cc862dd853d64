import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/core/progress.js";
import { InterruptedError, SessionlabError } from "../../src/core/errors.js";
import type { NodeKind, NodeTarget } from "../../src/kinds/kind.js";
import type { LabNode } from "../../src/labs/definition.js";
import { LabPaths } from "../../src/labs/lab-paths.js";
import { applyPlan } from "../../src/orchestrator/apply.js";
import { listLabs } from "../../src/orchestrator/discover.js";
import { type Desired, planUp } from "../../src/orchestrator/plan.js";
import type { PreparedGroup } from "../../src/orchestrator/prepare.js";
import {
  LABEL_FINGERPRINT,
  LABEL_KIND,
  LABEL_NODE_INDEX,
  LABEL_NODE_KIND,
  LABEL_PORT,
  LABEL_TOPOLOGY,
  LABEL_VARIANT,
} from "../../src/runtime/labels.js";
import { FakeRuntime } from "../support/fake-runtime.js";

type Ready = (t: NodeTarget) => Promise<boolean>;

function group(
  kind: LabNode["kind"],
  role: NodeKind["role"],
  order: number,
  names: string[],
  ready: Ready,
): PreparedGroup {
  const nodes = names.map((name, i) => ({ name, kind, index: i + 1, params: {} }));
  const k: NodeKind = { name: kind, role, order, prepare: () => Promise.reject(new Error("unused")), ready };
  return {
    kind: k,
    nodes,
    prepared: {
      image: { role: kind, tag: `sessionlab/${kind}:v1`, hash: "v1", files: [], buildArgs: {} },
      render: () => new Map(),
      container: () => ({ binds: [] }),
    },
  };
}

const yes: Ready = async () => true;
const lab = (ready: Partial<Record<string, Ready>> = {}): PreparedGroup[] => [
  group("memcached", "store", 10, ["memcached"], ready.memcached ?? yes),
  group("tomcat", "tomcat", 20, ["tomcat1", "tomcat2", "tomcat3"], ready.tomcat ?? yes),
  group("nginx", "nginx", 30, ["nginx"], ready.nginx ?? yes),
];

const want = (over: Partial<Desired> = {}): Desired => ({
  instance: "demo",
  kind: "memcached",
  variant: "memcached/msm@tomcat9 x3",
  source: "builtin:memcached",
  fingerprint: "f1",
  port: 18080,
  containers: 5,
  ...over,
});

function options(d: Desired, over: { keep?: boolean; signal?: AbortSignal } = {}) {
  return {
    instance: d.instance,
    paths: new LabPaths("/tmp/sl-fake"),
    url: `http://127.0.0.1:${d.port}`,
    baseImage: "debian:bookworm-slim",
    labLabels: {
      [LABEL_KIND]: d.kind,
      [LABEL_VARIANT]: d.variant,
      [LABEL_FINGERPRINT]: d.fingerprint,
      [LABEL_PORT]: String(d.port),
      [LABEL_TOPOLOGY]: d.source.startsWith("builtin:")
        ? `/opt/sessionlab/labs/${d.source.slice(8)}`
        : d.source,
    },
    keep: over.keep ?? false,
    timeoutMs: 2000,
    signal: over.signal ?? new AbortController().signal,
    progress: createProgress({ quiet: true }),
    assertPortFree: async () => undefined,
  };
}

/** Runs plan + apply the way `up` does, against the fake engine. */
async function up(
  rt: FakeRuntime,
  d: Desired,
  groups = lab(),
  over: { keep?: boolean; signal?: AbortSignal } = {},
) {
  const plan = planUp(d, await listLabs(rt));
  const applied = await applyPlan(rt, plan, groups, options(d, over));
  return { plan, applied };
}

describe("planUp", () => {
  it("creates a lab that does not exist", async () => {
    expect(planUp(want(), []).action).toBe("create");
  });

  it.each([
    ["unchanged and running", {}, "stop-none", "reuse", /already running/],
    [
      "configs or options changed",
      { fingerprint: "f2" },
      "stop-none",
      "replace",
      /configs or options changed/,
    ],
    [
      "another variant",
      { variant: "memcached/msm@tomcat9", fingerprint: "f2" },
      "stop-none",
      "replace",
      /runs memcached\/msm@tomcat9 x3; replacing it with memcached\/msm@tomcat9$/,
    ],
    ["a stopped container", {}, "stop-one", "replace", /incomplete or stopped/],
    ["a container missing", { containers: 6 }, "stop-none", "replace", /incomplete or stopped/],
  ] as const)("%s → %s", async (_name, change, stop, action, message) => {
    const rt = new FakeRuntime();
    await up(rt, want());
    if (stop === "stop-one") await rt.stopContainer([...rt.containers.keys()][1]!);
    const plan = planUp(want(change), await listLabs(rt));
    expect(plan.action).toBe(action);
    expect(plan.message).toMatch(message);
  });

  it("refuses to replace a lab of the same name made from another folder", async () => {
    const rt = new FakeRuntime();
    await up(rt, want({ kind: "lab", source: "/home/a/lab" }));
    expect(() => planUp(want({ kind: "lab", source: "/home/b/lab" }), [])).not.toThrow();
    const labs = await listLabs(rt);
    expect(() => planUp(want({ kind: "lab", source: "/home/b/lab" }), labs)).toThrow(
      'a lab named "demo" from /home/a/lab already exists',
    );
    expect(planUp(want({ kind: "lab", source: "/home/a/lab" }), labs).action).toBe("reuse");
  });

  it("refuses a name used by a lab of another kind, and a port another lab holds", async () => {
    const rt = new FakeRuntime();
    await up(rt, want());
    const labs = await listLabs(rt);
    expect(() => planUp(want({ kind: "redis" }), labs)).toThrow(
      'a lab named "demo" of kind "memcached" already exists',
    );
    expect(() => planUp(want({ instance: "other" }), labs)).toThrow(
      'port 18080 on 127.0.0.1 is used by the sessionlab lab "demo"',
    );
  });
});

describe("applyPlan on the fake runtime", () => {
  it("fresh: builds the missing images, then network and containers in start order, each labelled", async () => {
    const rt = new FakeRuntime();
    const { plan, applied } = await up(rt, want());
    expect(plan.action).toBe("create");
    expect(applied.alreadyRunning).toBe(false);
    expect(rt.log).toEqual([
      "build sessionlab/memcached:v1",
      "build sessionlab/tomcat:v1",
      "build sessionlab/nginx:v1",
      "network sessionlab-demo",
      "create sessionlab-demo-memcached",
      "create sessionlab-demo-tomcat1",
      "create sessionlab-demo-tomcat2",
      "create sessionlab-demo-tomcat3",
      "create sessionlab-demo-nginx",
    ]);
    const t3 = [...rt.containers.values()].find((c) => c.name === "sessionlab-demo-tomcat3")!;
    expect(t3.labels).toMatchObject({ [LABEL_NODE_KIND]: "tomcat", [LABEL_NODE_INDEX]: "3" });
    expect(t3.spec.aliases).toEqual(["tomcat3"]);
  });

  it("unchanged: reuses the running lab, only checking the front node answers", async () => {
    const rt = new FakeRuntime();
    await up(rt, want());
    rt.log.length = 0;
    const asked: string[] = [];
    const { applied } = await up(rt, want(), lab({ nginx: async (t) => (asked.push(t.node.name), true) }));
    expect(applied.alreadyRunning).toBe(true);
    expect(rt.log).toEqual([]);
    expect(asked).toEqual(["nginx"]);
  });

  it("changed config: builds first, then replaces the old containers", async () => {
    const rt = new FakeRuntime();
    await up(rt, want());
    rt.images.clear(); // a changed image must be built before the running lab is touched
    rt.log.length = 0;
    await up(rt, want({ fingerprint: "f2" }));
    expect(rt.log.slice(0, 4)).toEqual([
      "build sessionlab/memcached:v1",
      "build sessionlab/tomcat:v1",
      "build sessionlab/nginx:v1",
      "rm sessionlab-demo-memcached",
    ]);
    const labs = await listLabs(rt);
    expect(labs[0]!.containers.map((c) => c.labels[LABEL_FINGERPRINT])).toEqual(Array(5).fill("f2"));
  });

  it("a container that exits while waited on fails the run, names it, and leaves nothing behind", async () => {
    const rt = new FakeRuntime();
    rt.exitOnStart = "sessionlab-demo-tomcat2";
    const err = (await up(rt, want()).catch((e: unknown) => e)) as SessionlabError;
    expect(err).toBeInstanceOf(SessionlabError);
    expect(err.message).toBe("tomcat2 (sessionlab-demo-tomcat2) exited with code 1");
    expect(err.details).toContain("log of sessionlab-demo-tomcat2");
    expect(rt.containers.size).toBe(0);
    expect(rt.networks.size).toBe(0);
  });

  it("with --keep, a failed lab stays for inspection", async () => {
    const rt = new FakeRuntime();
    rt.failCreate = "sessionlab-demo-nginx";
    await expect(up(rt, want(), lab(), { keep: true })).rejects.toThrow(
      "cannot create sessionlab-demo-nginx",
    );
    expect(rt.containers.size).toBe(4);
  });

  it("a failure creating a container mid-way removes what was created", async () => {
    const rt = new FakeRuntime();
    rt.failCreate = "sessionlab-demo-tomcat2";
    await expect(up(rt, want())).rejects.toThrow("cannot create sessionlab-demo-tomcat2");
    expect(rt.log.slice(-3)).toEqual([
      "rm sessionlab-demo-memcached",
      "rm sessionlab-demo-tomcat1",
      "rm network sessionlab-demo",
    ]);
    expect(rt.containers.size).toBe(0);
  });

  it("Ctrl-C while waiting: stops at once, removes the half-made lab, rethrows the interrupt", async () => {
    const rt = new FakeRuntime();
    const ctrlC = new AbortController();
    const tomcat: Ready = async () => {
      ctrlC.abort(new InterruptedError());
      return false;
    };
    const started = Date.now();
    await expect(up(rt, want(), lab({ tomcat }), { signal: ctrlC.signal })).rejects.toBeInstanceOf(
      InterruptedError,
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect(rt.containers.size).toBe(0);
    expect(rt.networks.size).toBe(0);
  });

  it("a node that never gets ready times out, naming it", async () => {
    const rt = new FakeRuntime();
    const err = (await up(rt, want(), lab({ memcached: async () => false })).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toBe("memcached (sessionlab-demo-memcached) was not ready after 2s: not ready");
    expect(rt.containers.size).toBe(0);
  });
});
