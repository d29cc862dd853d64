import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { actualFindings, expectedFindings, FIXTURES, fixtureCases, ruleFolders } from "./fixture-cases.js";
import { lintFiles } from "../../../src/diff-config/index.js";
import { RULES_BY_ID } from "../../../src/diff-config/rules/index.js";

describe.each(ruleFolders())("rule %s", (rule) => {
  it("is a registered rule", () => {
    expect(RULES_BY_ID.has(rule)).toBe(true);
  });

  for (const c of fixtureCases(rule)) {
    if (c.quiet) {
      it(`stays quiet on ${c.name}`, async () => {
        const all = Object.values(await actualFindings(c)).flat();
        expect(all.filter((f) => f.rule === rule)).toEqual([]);
        expect(all.filter((f) => f.severity === "error")).toEqual([]);
      });
    } else {
      it(`fires on ${c.name} with the expected positions, messages and fixes`, async () => {
        expect(existsSync(c.expectedPath), `${c.expectedPath} missing`).toBe(true);
        const actual = await actualFindings(c);
        expect(actual).toEqual(expectedFindings(c));
        expect(
          Object.values(actual)
            .flat()
            .some((f) => f.rule === rule),
        ).toBe(true);
      });
    }
  }
});

describe("expected findings", () => {
  const cases = ruleFolders().flatMap((rule) => fixtureCases(rule).filter((c) => !c.quiet));

  it.each(cases.map((c) => [`${c.rule}/${c.name}`, c] as const))(
    "%s asserts each finding's message and fix, with no machine-specific path",
    (_name, c) => {
      for (const f of Object.values(expectedFindings(c)).flat()) {
        expect(Object.keys(f).sort()).toEqual(["column", "fix", "line", "message", "rule", "severity"]);
        expect(f.message.length).toBeGreaterThan(10);
        expect(f.fix.length).toBeGreaterThan(5);
        expect(`${f.message} ${f.fix}`).not.toContain(FIXTURES);
      }
    },
  );
});

describe("the labs' known-good configs", () => {
  const dir = join(FIXTURES, "canonical");
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  const files = walk(dir).filter((f) => !f.endsWith(".md"));
  const variants = [...new Set(files.map((f) => dirname(f)))];

  const problem = (f: { rule: string; severity: string }) => f.severity !== "info";

  it.each(files.map((f) => [f.slice(dir.length + 1), f]))(
    "%s alone: no error, no warning, and it is its own closest known-good",
    async (name, path) => {
      // The variant folder names the Tomcat (lab/manager@tomcatX), as a lab folder's state does.
      const tomcat = /@tomcat([\d.]+)\//.exec(name)?.[1];
      const report = await lintFiles([path], { tomcat, java: 17 });
      expect(report.files[0]?.findings.filter(problem)).toEqual([]);
      expect(report.files[0]?.diff?.lines ?? []).toEqual([]);
    },
  );

  it.each(variants.map((v) => [v.slice(dir.length + 1), v]))(
    "%s together (cross-file rules included): no error, no warning but the lab's deliberate one",
    async (name, folder) => {
      const tomcat = /@tomcat([\d.]+)$/.exec(name)?.[1];
      const report = await lintFiles(
        files.filter((f) => dirname(f) === folder),
        { tomcat, java: 17 },
      );
      expect(report.errorCount).toBe(0);
      expect(report.files.flatMap((f) => f.findings).filter(problem)).toEqual([]);
    },
  );
});
