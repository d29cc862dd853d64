import { describe, expect, it } from "vitest";
import { BREAKS } from "../../src/breaks/index.js";
import { engineAvailable, jsonResult, run, withCleanEngine } from "./harness.js";

// Every break scenario on a lab it applies to: break → the predicted symptom (verify fails, or still
// passes where the slip is silent) → diff-config names the cause at file:line:column, both in the
// break report and from `diff-config --lab` → fix → verify passes. One lab up per group, fixed between
// scenarios. Times are printed per scenario.
const PORT = "18096";
const available = await engineAvailable();

const GROUPS: Array<{ lab: string[]; scenarios: string[] }> = [
  {
    lab: ["memcached"],
    scenarios: [
      "nbsp-indent",
      "fullwidth-space",
      "manager-typo",
      "sticky-space",
      "kryo-java17",
      "missing-jar",
      "upstream-underscore",
    ],
  },
  { lab: ["msm-sticky"], scenarios: ["missing-jvmroute", "nodes-comma-space"] },
  { lab: ["redis", "--manager", "classic"], scenarios: ["redis-loopback", "valve-order"] },
];

/** The file each scenario's cause is named in (relative to the lab folder). */
const CAUSE_FILE: Record<string, RegExp> = {
  "nbsp-indent": /^tomcat\d\/conf\/context\.xml$/,
  "fullwidth-space": /^tomcat\d\/conf\/context\.xml$/,
  "manager-typo": /^tomcat\d\/conf\/context\.xml$/,
  "sticky-space": /^tomcat\d\/conf\/context\.xml$/,
  "kryo-java17": /^tomcat\d\/conf\/context\.xml$/,
  "missing-jar": /^tomcat1\/conf\/context\.xml$/,
  "upstream-underscore": /^nginx\/nginx\.conf$/,
  "missing-jvmroute": /^tomcat\d\/conf\/server\.xml$/,
  "nodes-comma-space": /^tomcat\d\/conf\/context\.xml$/,
  "redis-loopback": /^redis\/redis\.conf$/,
  "valve-order": /^tomcat\d\/conf\/context\.xml$/,
};

type Finding = { file: string; line: number; column: number; rule: string };

describe("break-fix e2e covers every scenario", () => {
  it("each scenario is in exactly one group", () => {
    const covered = GROUPS.flatMap((g) => g.scenarios).sort();
    expect(covered).toEqual(BREAKS.map((b) => b.name).sort());
    expect(Object.keys(CAUSE_FILE).sort()).toEqual(covered);
  });
});

describe.runIf(available)("break and fix on a real Docker engine", () => {
  const dir = withCleanEngine();
  const times: string[] = [];

  for (const group of GROUPS) {
    describe(`lab ${group.lab.join(" ")}`, () => {
      it(`up ${group.lab.join(" ")}`, async () => {
        await run(["down", "--all"]);
        const up = await run(["up", ...group.lab, "--port", PORT, "--json"], { cwd: dir() });
        expect(up.exitCode, up.stderr).toBe(0);
      });

      for (const name of group.scenarios) {
        const scenario = BREAKS.find((b) => b.name === name)!;
        it(`${name}: ${scenario.expect === "verify-fails" ? "verify fails" : "verify still passes"}, diff-config names ${scenario.rule}, fix makes it whole`, async () => {
          const t0 = performance.now();
          const b = await run(["break", name, "--json"]);
          const t1 = performance.now();
          const report = jsonResult(b.stdout);
          expect(b.exitCode, b.stdout + b.stderr).toBe(0);
          expect(report.ok).toBe(true);
          expect(report.symptom.verifyOk).toBe(scenario.expect === "verify-passes");
          if (scenario.expect === "verify-fails")
            expect(report.symptom.failedChecks.length).toBeGreaterThan(0);
          expect(report.cause.length).toBeGreaterThan(0);
          for (const f of report.cause as Finding[]) {
            expect(f.rule).toBe(scenario.rule);
            expect(f.file).toMatch(CAUSE_FILE[name]!);
            expect(f.line).toBeGreaterThan(0);
            expect(f.column).toBeGreaterThan(0);
          }
          // The diff-config command, on its own, names the same cause at the same place (what is in
          // the image, lib/, is only seen through a CATALINA_BASE: the break report covers it).
          if (name !== "missing-jar") {
            const lint = await run(["diff-config", "--lab", "--json"]);
            expect([0, 1]).toContain(lint.exitCode); // 0 when the cause is only a warning
            const files = JSON.parse(lint.stdout).files as Array<{ path: string; findings: Finding[] }>;
            const named = files.flatMap((f) =>
              f.findings
                .filter((x) => x.rule === scenario.rule)
                .map((x) => `${f.path}:${x.line}:${x.column}`),
            );
            for (const f of report.cause as Finding[])
              expect(named.some((n) => n.endsWith(`${f.file}:${f.line}:${f.column}`))).toBe(true);
          }
          const fix = await run(["fix", "--no-verify", "--json"]);
          expect(fix.exitCode, fix.stdout + fix.stderr).toBe(0);
          const fixed = jsonResult(fix.stdout);
          if (name === "missing-jar") expect(fixed.recreated.length).toBeGreaterThan(0);
          else expect(fixed.backups.length).toBeGreaterThan(0);
          const t2 = performance.now();
          const v = await run(["verify", "--json"]);
          expect(v.exitCode, v.stdout).toBe(0);
          const t3 = performance.now();
          times.push(
            `${name}: break ${((t1 - t0) / 1000).toFixed(1)} s, fix ${((t2 - t1) / 1000).toFixed(1)} s (with diff-config), verify ${((t3 - t2) / 1000).toFixed(1)} s`,
          );
        });
      }
    });
  }

  it("refuses an unknown scenario and one that does not apply, naming the valid ones (exit 2)", async () => {
    const unknown = await run(["break", "no-such-break"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/unknown break scenario "no-such-break"/);
    expect(unknown.stderr).toMatch(/redis-loopback/);
    const na = await run(["break", "nodes-comma-space"]);
    expect(na.exitCode).toBe(2);
    expect(na.stderr).toMatch(/does not apply to lab redis/);
    expect(na.stderr).toMatch(/two or more memcached nodes/);
    const list = jsonResult((await run(["break", "--list", "--json"])).stdout);
    expect(list.lab).toBe("redis");
    expect(
      list.breaks.filter((b: { applies: boolean }) => b.applies).map((b: { name: string }) => b.name),
    ).toEqual([
      "nbsp-indent",
      "fullwidth-space",
      "manager-typo",
      "redis-loopback",
      "missing-jar",
      "valve-order",
    ]);
    console.log(`break/fix times per scenario:\n  ${times.join("\n  ")}`);
  });
});
