import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { diffConfigCommand } from "../../../src/commands/diff-config.js";
import { FIXTURES } from "./fixture-cases.js";

let out = "";
let err = "";
beforeEach(() => {
  out = "";
  err = "";
  process.exitCode = undefined;
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function run(...args: string[]): Promise<number> {
  await diffConfigCommand().exitOverride().parseAsync(args, { from: "user" });
  return Number(process.exitCode ?? 0);
}

const fx = (p: string) => join(FIXTURES, p);

describe("sessionlab diff-config", () => {
  it("exits 0 on the clean lab configs", async () => {
    const canon = [
      "memcached/msm@tomcat9/context.xml",
      "memcached/msm@tomcat9/server.xml",
      "memcached/msm@tomcat9/nginx.conf",
      "redis/classic@tomcat7/redis.conf",
    ].map((f) => fx(`canonical/${f}`));
    expect(await run(...canon)).toBe(0);
    expect(out).toMatch(/0 errors/);
  });

  it("exits 1 on errors and prints position, rule, the line made visible, a caret and the fix", async () => {
    expect(await run("--no-diff", fx("unicode-space/context-in-tag.xml"))).toBe(1);
    expect(out).toContain("context-in-tag.xml:3:13");
    expect(out).toContain("unicode-space");
    expect(out).toContain("⟦U+00A0 NO-BREAK SPACE⟧");
    expect(out).toMatch(/\|\s+\^/);
    expect(out).toContain("fix:");
  });

  it("exits 0 on warnings only, 1 with --strict", async () => {
    expect(await run("--no-diff", fx("crlf/redis.conf"))).toBe(0);
    expect(await run("--no-diff", "--strict", fx("crlf/redis.conf"))).toBe(1);
  });

  it("exits 2 when a file cannot be read", async () => {
    expect(await run(fx("does-not-exist.xml"))).toBe(2);
    expect(err).toMatch(/cannot read/);
  });

  it("prints the documented JSON shape", async () => {
    expect(await run("--json", "--no-diff", fx("value-whitespace/context-sticky.xml"))).toBe(1);
    const json = JSON.parse(out) as {
      files: Array<{ path: string; kind: string; findings: Array<Record<string, unknown>> }>;
    };
    expect(json.files[0]?.kind).toBe("context-xml");
    expect(json.files[0]?.findings[0]).toEqual({
      rule: "value-whitespace",
      severity: "error",
      line: 4,
      column: 57,
      message: expect.stringContaining("Boolean.valueOf"),
      fix: 'Write sticky="true".',
    });
  });

  it("prints SARIF 2.1.0", async () => {
    await run("--format", "sarif", fx("msm-memcached-nodes/comma-space.xml"));
    const sarif = JSON.parse(out) as {
      version: string;
      runs: Array<{
        results: Array<{ ruleId: string; locations: unknown[] }>;
        tool: { driver: { rules: Array<{ id: string }> } };
      }>;
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.results[0]?.ruleId).toBe("msm-memcached-nodes");
    expect(sarif.runs[0]?.tool.driver.rules.map((r) => r.id)).toContain("msm-memcached-nodes");
    expect(JSON.stringify(sarif.runs[0]?.results[0]?.locations)).toContain('"startLine":4');
  });

  it("honours --kind for a file of any name", async () => {
    expect(
      await run("--json", "--no-diff", "--kind", "redis", fx("redis-exposed/protected-mode-no.conf")),
    ).toBe(1);
    expect(JSON.parse(out).files[0].kind).toBe("redis");
  });

  it("diffs against the lab's canonical config, ignoring order and indentation", async () => {
    await run(fx("msm-memcached-nodes/comma-space.xml"));
    expect(out).toContain("diff");
    expect(out).toMatch(/- +memcachedNodes="n1:memcached:11211"/);
    expect(out).toMatch(/\+ +memcachedNodes="n1:host1:11211, n2:host2:11211"/);
  });

  it("checks a CATALINA_BASE folder: conf/ and lib/ together", async () => {
    expect(await run("--json", "--no-diff", fx("catalina-jars/missing-spymemcached"))).toBe(1);
    expect(out).toContain("spymemcached");
  });

  it("--lab FOLDER checks the lab's rendered files: nginx, each Tomcat's conf, redis", async () => {
    const lab = mkdtempSync(join(tmpdir(), "sessionlab-lab-"));
    try {
      for (const t of ["tomcat1", "tomcat2"]) {
        mkdirSync(join(lab, t, "conf"), { recursive: true });
        cpSync(fx("canonical/memcached/msm@tomcat9/context.xml"), join(lab, t, "conf", "context.xml"));
        cpSync(fx("canonical/memcached/msm@tomcat9/server.xml"), join(lab, t, "conf", "server.xml"));
      }
      mkdirSync(join(lab, "nginx"));
      cpSync(fx("canonical/memcached/msm@tomcat9/nginx.conf"), join(lab, "nginx", "nginx.conf"));
      expect(await run("--json", "--no-diff", "--lab", lab)).toBe(1);
      const json = JSON.parse(out) as { files: Array<{ path: string; findings: Array<{ rule: string }> }> };
      expect(json.files.map((f) => f.path.slice(lab.length + 1))).toEqual([
        "nginx/nginx.conf",
        "tomcat1/conf/server.xml",
        "tomcat1/conf/context.xml",
        "tomcat2/conf/server.xml",
        "tomcat2/conf/context.xml",
      ]);
      // Both Tomcats kept jvmRoute="tomcat1": the lab user forgot to change the second one.
      expect(json.files[3]?.findings.map((f) => f.rule)).toEqual(["jvmroute-unique"]);
    } finally {
      rmSync(lab, { recursive: true, force: true });
    }
  });

  it("--against diffs files of the same kind against the given file", async () => {
    await run(
      "--json",
      "--against",
      fx("canonical/redis/classic@tomcat7/context.xml"),
      fx("canonical/redis/redisson@tomcat9/context.xml"),
      fx("canonical/memcached/msm@tomcat9/nginx.conf"),
    );
    const json = JSON.parse(out) as { files: Array<{ diff?: { against: string; lines: unknown[] } }> };
    expect(json.files[0]?.diff?.against).toMatch(/classic@tomcat7\/context\.xml$/);
    expect(json.files[0]?.diff?.lines.length).toBeGreaterThan(0);
    expect(json.files[1]?.diff).toEqual({
      against: expect.stringMatching(/canonical\/.+\/nginx\.conf$/),
      why: expect.stringMatching(/^closest of \d+ known-good nginx files: \S+, 0 changed lines$/),
      lines: [],
    });
  });

  it("checks an nginx folder: nginx.conf and conf.d/*.conf", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sessionlab-nginx-dir-"));
    try {
      mkdirSync(join(dir, "conf.d"));
      cpSync(fx("canonical/memcached/msm@tomcat9/nginx.conf"), join(dir, "nginx.conf"));
      cpSync(fx("nginx-syntax/fragment.conf"), join(dir, "conf.d", "lab.conf"));
      expect(await run("--json", "--no-diff", dir)).toBe(1);
      const json = JSON.parse(out) as { files: Array<{ path: string; findings: Array<{ rule: string }> }> };
      expect(json.files.map((f) => f.path.slice(dir.length + 1))).toEqual(["nginx.conf", "conf.d/lab.conf"]);
      expect(json.files[1]?.findings.map((f) => f.rule)).toEqual(["nginx-syntax"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("input that is not a config file", () => {
    let dir = "";
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "sessionlab-binary-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const jar = fx("redisson-settings/ok-base/lib/catalina.jar");
    type Json = {
      files: Array<{
        path: string;
        error?: { message: string; fix: string };
        findings: Array<{ rule: string }>;
      }>;
      summary: { notChecked: number; errors: number };
    };

    it("a jar: 'not a text config file', exit 2, one sentence and a fix line", async () => {
      expect(await run("--no-diff", jar)).toBe(2);
      expect(err).toContain(`error: ${jar} is not a text config file: it is a zip archive (jar, war, zip).`);
      expect(err).toMatch(/^fix: pass config files/m);
      expect(out).toContain("(not checked)");
      expect(out).toMatch(/1 not checked/);
    });

    it("3 MB of random bytes: refused as binary, quickly, with no stack overflow", async () => {
      const path = join(dir, "random.bin");
      writeFileSync(path, randomBytes(3 * 1024 * 1024));
      const start = performance.now();
      expect(await run("--no-diff", path)).toBe(2);
      expect(performance.now() - start).toBeLessThan(3000);
      expect(err).toContain("is not a text config file: it holds binary data");
      expect(err).not.toMatch(/call stack|unexpected error/);
    });

    it("3 MB of bytes above 0x7f that are not UTF-8: refused as binary", async () => {
      const path = join(dir, "high.bin");
      writeFileSync(
        path,
        randomBytes(3 * 1024 * 1024).map((b) => 0x80 | b),
      );
      expect(await run("--no-diff", path)).toBe(2);
      expect(err).toContain("it holds binary data (only 0% of its first bytes are ASCII");
    });

    it("a 120 MB file: refused by size within seconds, without reading it", async () => {
      const path = join(dir, "heap.hprof");
      writeFileSync(path, "");
      truncateSync(path, 120 * 1024 * 1024); // sparse: no disk space, no time
      const start = performance.now();
      expect(await run("--no-diff", path)).toBe(2);
      expect(performance.now() - start).toBeLessThan(2000);
      expect(err).toContain(
        `error: ${path} is 120 MB, more than the 32 MB any config file needs, so it was not read.`,
      );
      expect(err).toMatch(/^fix: .*not a log, dump or archive$/m);
    });

    it("a file just over 32 MB is refused, one of 32 MB is read", async () => {
      const over = join(dir, "over.conf");
      writeFileSync(over, "");
      truncateSync(over, 32 * 1024 * 1024 + 1);
      expect(await run("--json", "--no-diff", over)).toBe(2);
      expect((JSON.parse(out) as Json).files[0]?.error?.message).toMatch(/more than the 32 MB/);
    });

    it("the other files are still linted and reported, in the order given; exit 2 wins over 1", async () => {
      const bad = fx("msm-memcached-nodes/comma-space.xml");
      const ok = fx("canonical/redis/classic@tomcat7/redis.conf");
      expect(await run("--json", "--no-diff", bad, jar, ok)).toBe(2);
      const json = JSON.parse(out) as Json;
      expect(json.files.map((f) => f.path)).toEqual([bad, jar, ok]);
      expect(json.files[0]?.findings.map((f) => f.rule)).toEqual(["msm-memcached-nodes"]);
      expect(json.files[1]).toMatchObject({
        findings: [],
        error: { message: expect.stringContaining("not a text config file"), fix: expect.any(String) },
      });
      expect(json.files[2]?.findings).toEqual([]);
      expect(json.summary).toMatchObject({ errors: 1, notChecked: 1 });
    });

    it("a missing file is reported the same way while the others are checked", async () => {
      expect(
        await run("--no-diff", fx("does-not-exist.xml"), fx("canonical/redis/classic@tomcat7/redis.conf")),
      ).toBe(2);
      expect(err).toMatch(/cannot read .*does-not-exist\.xml: no such file/);
      expect(out).toMatch(/classic@tomcat7\/redis\.conf {2}\(redis\)\n {2}✔ no problems/);
    });

    it("SARIF marks the run unsuccessful and names the file", async () => {
      expect(await run("--format", "sarif", jar)).toBe(2);
      const sarif = JSON.parse(out) as {
        runs: Array<{
          invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
        }>;
      };
      expect(sarif.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
      expect(JSON.stringify(sarif.runs[0]?.invocations[0]?.toolExecutionNotifications)).toContain(
        "catalina.jar",
      );
    });
  });
});
