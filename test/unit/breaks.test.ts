import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BREAKS, breaksFor, scenarioFor } from "../../src/breaks/index.js";
import { factsOf } from "../../src/breaks/facts.js";
import { breakDocsTable } from "../../src/breaks/format.js";
import { EditNotPossible, type LabFacts } from "../../src/breaks/scenario.js";
import { pasteNoBreakIndent } from "../../src/breaks/scenarios/nbsp-indent.js";
import { typeFullWidthSpace } from "../../src/breaks/scenarios/fullwidth-space.js";
import { misspellManagerClass } from "../../src/breaks/scenarios/manager-typo.js";
import { padStickyValue } from "../../src/breaks/scenarios/sticky-space.js";
import { dropJvmRoute } from "../../src/breaks/scenarios/missing-jvmroute.js";
import { useKryo } from "../../src/breaks/scenarios/kryo-java17.js";
import { bindLoopback } from "../../src/breaks/scenarios/redis-loopback.js";
import { valveAfterManager } from "../../src/breaks/scenarios/valve-order.js";
import { commaSpaceNodes } from "../../src/breaks/scenarios/nodes-comma-space.js";
import { underscoreUpstream } from "../../src/breaks/scenarios/upstream-underscore.js";
import { lintFiles } from "../../src/diff-config/index.js";
import { RULES_BY_ID } from "../../src/diff-config/rules/index.js";
import { listLabNamesSync, loadLab, selectVariant } from "../../src/labs/definition.js";
import { LabPaths } from "../../src/labs/lab-paths.js";
import { tomcatVersions } from "../../src/kinds/tomcat.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CANONICAL = join(ROOT, "fixtures", "diff-config", "canonical");
const canonical = (variant: string, file: string) => readFile(join(CANONICAL, variant, file), "utf8");

/** Every built-in lab variant: its canonical folder name and its facts. */
async function variants(): Promise<Array<{ id: string; facts: LabFacts }>> {
  const out: Array<{ id: string; facts: LabFacts }> = [];
  for (const name of listLabNamesSync()) {
    const def = await loadLab(name);
    for (const [manager, m] of Object.entries(def.managers))
      for (const tomcat of Object.keys(m.tomcat))
        out.push({
          id: `${name}/${manager}@tomcat${tomcat}`,
          facts: factsOf(selectVariant(def, { manager, tomcat })),
        });
  }
  return out;
}

describe("break scenario registry", () => {
  it("has unique kebab-case names and complete metadata naming a real diff-config rule", () => {
    const names = BREAKS.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    for (const b of BREAKS) {
      expect(b.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const f of [b.summary, b.appliesTo, b.edits, b.symptom]) expect(f.length).toBeGreaterThan(10);
      expect(RULES_BY_ID.has(b.rule), `${b.name} names rule ${b.rule}`).toBe(true);
    }
  });

  it("decides applicability from the lab's topology, manager and kinds", async () => {
    const applicable = Object.fromEntries(
      (await variants()).map((v) => [
        v.id,
        breaksFor(v.facts)
          .filter((b) => b.applies)
          .map((b) => b.name),
      ]),
    );
    const ctx = ["nbsp-indent", "fullwidth-space", "manager-typo"];
    expect(applicable).toEqual({
      "memcached/msm@tomcat9": [...ctx, "sticky-space", "kryo-java17", "missing-jar", "upstream-underscore"],
      "msm-sticky/msm@tomcat9": [
        ...ctx,
        "missing-jvmroute",
        "kryo-java17",
        "missing-jar",
        "nodes-comma-space",
      ],
      "no-sharing/none@tomcat9": ["upstream-underscore"],
      "cluster/delta@tomcat9": ["upstream-underscore"],
      "cluster/delta@tomcat10.1": ["upstream-underscore"],
      "cluster/backup@tomcat9": ["upstream-underscore"],
      "cluster/backup@tomcat10.1": ["upstream-underscore"],
      "redis/classic@tomcat7": [...ctx, "redis-loopback", "missing-jar", "valve-order"],
      "redis/redisson@tomcat9": [...ctx, "redis-loopback", "missing-jar", "upstream-underscore"],
      "redis/redisson@tomcat10.1": [...ctx, "redis-loopback", "missing-jar", "upstream-underscore"],
      "redis/msm@tomcat9": [
        ...ctx,
        "sticky-space",
        "kryo-java17",
        "redis-loopback",
        "missing-jar",
        "upstream-underscore",
      ],
    });
  });

  it("never decides by the lab's name", async () => {
    for (const v of await variants()) {
      const renamed = { ...v.facts, lab: "renamed", manager: "renamed" };
      expect(breaksFor(renamed).map((b) => b.applies)).toEqual(breaksFor(v.facts).map((b) => b.applies));
    }
  });

  it("refuses an unknown scenario with the valid ones, and a scenario that does not apply with where it does", async () => {
    const memcached = (await variants()).find((v) => v.id === "memcached/msm@tomcat9")!.facts;
    expect(() => scenarioFor("nope", memcached, "lab1")).toThrow(/unknown break scenario "nope"/);
    try {
      scenarioFor("valve-order", memcached, "lab1");
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/does not apply to lab lab1 \(memcached\/msm\)/);
      expect((e as { hint: string }).hint).toMatch(
        /classic tomcat-redis-session-manager.*choose one of: nbsp-indent/,
      );
      expect((e as { exitCode: number }).exitCode).toBe(2);
    }
  });

  it("README's scenario table is the registry's (copy breakDocsTable's output between the markers)", async () => {
    const readme = await readFile(join(ROOT, "README.md"), "utf8");
    const table = /<!-- breaks:start -->\n([\s\S]*?)\n<!-- breaks:end -->/.exec(readme)?.[1];
    expect(table).toBe(breakDocsTable(breaksFor()));
  });
});

describe("break edits: text in → text out", () => {
  it("nbsp-indent indents the Manager's second line with U+00A0, nothing else", async () => {
    const text = await canonical("memcached/msm@tomcat9", "context.xml");
    const out = pasteNoBreakIndent(text);
    expect(out.replace(/\u00a0/g, " ")).toBe(text);
    expect(out).toContain(`\n${"\u00a0".repeat(8)}memcachedNodes=`);
  });

  it("fullwidth-space puts U+3000 after the Manager's first attribute", async () => {
    const out = typeFullWidthSpace(await canonical("redis/classic@tomcat7", "context.xml"));
    expect(out).toContain('host="redis"\u3000port="6379"');
  });

  it("manager-typo misspells the live Manager only", async () => {
    const out = misspellManagerClass(await canonical("redis/redisson@tomcat9", "context.xml"));
    expect(out).toContain('className="org.redisson.tomcat.RedissonSessionManger"');
    expect(out).toContain('<Manager pathname="" />');
  });

  it("sticky-space, kryo-java17, nodes-comma-space edit one attribute of the Manager", async () => {
    expect(padStickyValue(await canonical("memcached/msm@tomcat9", "context.xml"))).toContain(
      'sticky="false "',
    );
    expect(useKryo(await canonical("redis/msm@tomcat9", "context.xml"))).toContain(
      'transcoderFactoryClass="de.javakaffee.web.msm.serializer.kryo.KryoTranscoderFactory"',
    );
    expect(commaSpaceNodes(await canonical("msm-sticky/msm@tomcat9", "context.xml"))).toContain(
      'memcachedNodes="n1:memcached1:11211, n2:memcached2:11211"',
    );
  });

  it("missing-jvmroute drops the live Engine's jvmRoute and keeps the commented example", async () => {
    const out = dropJvmRoute(await canonical("msm-sticky/msm@tomcat9", "server.xml"));
    expect(out).toContain('<Engine name="Catalina" defaultHost="localhost">');
    expect(out).toContain('jvmRoute="jvm1"');
    expect(out).not.toContain('jvmRoute="tomcat1"');
  });

  it("redis-loopback, valve-order and upstream-underscore", async () => {
    expect(bindLoopback(await canonical("redis/classic@tomcat7", "redis.conf"))).toMatch(
      /^bind 127\.0\.0\.1$/m,
    );
    const valve = valveAfterManager(await canonical("redis/classic@tomcat7", "context.xml"));
    expect(valve.indexOf("RedisSessionHandlerValve")).toBeGreaterThan(valve.indexOf("RedisSessionManager"));
    const nginx = underscoreUpstream(await canonical("memcached/msm@tomcat9", "nginx.conf"));
    expect(nginx).toContain("upstream tomcat_servers {");
    expect(nginx).toContain("proxy_pass http://tomcat_servers;");
    expect(nginx).not.toMatch(/proxy_set_header Host /);
  });

  it("says what is missing when the file was already changed", () => {
    expect(() => misspellManagerClass("<Context/>")).toThrow(EditNotPossible);
    expect(() => dropJvmRoute("<Server/>")).toThrow(/no live <Engine/);
    expect(() => underscoreUpstream("http {}")).toThrow(EditNotPossible);
  });
});

describe("each file edit is named by its scenario's rule on every lab it applies to", async () => {
  const cases = (await variants()).flatMap((v) =>
    BREAKS.filter((b) => !b.notApplicable(v.facts) && b.plan(v.facts).files.length).map(
      (b) => [v.id, b.name, v] as const,
    ),
  );
  it.each(cases)("%s: %s", async (id, name, v) => {
    const scenario = BREAKS.find((b) => b.name === name)!;
    const dir = await mkdtemp(join(tmpdir(), "sessionlab-breaks-"));
    try {
      const paths = new LabPaths(dir);
      for (const t of v.facts.tomcats) {
        await mkdir(join(dir, t, "conf"), { recursive: true });
        for (const f of ["server.xml", "context.xml", "redisson.yaml"]) {
          if (f === "redisson.yaml" && v.facts.flavor !== "redisson") continue;
          const text = await canonical(id, f);
          await writeFile(paths.confFile(t, f), text.replace('jvmRoute="tomcat1"', `jvmRoute="${t}"`));
        }
      }
      await mkdir(join(dir, "nginx"));
      await cp(join(CANONICAL, id, "nginx.conf"), paths.nginxConf());
      if (v.facts.kinds.includes("redis")) {
        await mkdir(join(dir, "redis"));
        await cp(join(CANONICAL, id, "redis.conf"), paths.redisConf());
      }
      const def = await loadLab(v.facts.lab);
      const variant = selectVariant(def, { manager: v.facts.manager, tomcat: id.split("@tomcat")[1] });
      await writeFile(
        paths.stateFile(),
        JSON.stringify({ lab: v.facts.lab, versions: tomcatVersions(variant), rendered: {} }),
      );
      const before = await lintFiles([dir], { diff: false });
      expect(before.files.flatMap((f) => f.findings).filter((f) => f.rule === scenario.rule)).toEqual([]);
      for (const e of scenario.plan(v.facts).files)
        await writeFile(e.path(paths), e.edit(await readFile(e.path(paths), "utf8")));
      const after = await lintFiles([dir], { diff: false });
      expect(
        after.files.flatMap((f) => f.findings).filter((f) => f.rule === scenario.rule).length,
      ).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
