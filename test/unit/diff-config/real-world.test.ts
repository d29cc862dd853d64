/**
 * The real-world corpus: configs from public repositories and issue threads (fixtures/real-world,
 * provenance in corpus.json and README.md). Working configs must get no error, and exactly the
 * warnings and infos reviewed for them; broken ones must get the error that names the cause their
 * source names. A verbatim copy of the corpus can be added under ../shared/real-world with the same
 * corpus.json layout and is checked the same way.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../../../src/diff-config/index.js";

interface Entry {
  id: string;
  source: { repository?: string; path?: string; commit?: string; url?: string };
  status: "working" | "broken";
  cause?: string;
  expect?: { rule: string; message?: string };
  options?: { tomcat?: string; java?: number };
  /** rule:severity of every warning and info a working config gets, reviewed as correct. */
  reviewed?: string[];
}

const ROOT = join(import.meta.dirname, "..", "..", "..");
const CORPORA = [join(ROOT, "fixtures", "real-world"), join(ROOT, "..", "shared", "real-world")].filter(
  (dir) => existsSync(join(dir, "corpus.json")),
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

async function lint(dir: string, e: Entry) {
  const report = await lintFiles(filesUnder(join(dir, e.id)), { ...e.options, diff: false });
  return report.files.flatMap((f) => f.findings);
}

for (const dir of CORPORA) {
  const { entries } = JSON.parse(readFileSync(join(dir, "corpus.json"), "utf8")) as { entries: Entry[] };

  describe(`real-world corpus ${dir.slice(ROOT.length + 1) || dir}`, () => {
    it("has at least 40 configs, each with its source, and broken ones with the cause their source names", () => {
      expect(entries.length).toBeGreaterThanOrEqual(40);
      for (const e of entries) {
        expect(existsSync(join(dir, e.id)), e.id).toBe(true);
        expect(e.source.repository ?? e.source.url, e.id).toBeTruthy();
        if (e.status === "broken") expect(e.cause && e.expect?.rule, e.id).toBeTruthy();
      }
    });

    it.each(entries.filter((e) => e.status === "working").map((e) => [e.id, e] as const))(
      "%s (working): no error, only reviewed warnings",
      async (_id, e) => {
        const findings = await lint(dir, e);
        expect(findings.filter((f) => f.severity === "error").map((f) => `${f.rule}: ${f.message}`)).toEqual(
          [],
        );
        expect(findings.map((f) => `${f.rule}:${f.severity}`).sort()).toEqual([...(e.reviewed ?? [])].sort());
      },
    );

    it.each(entries.filter((e) => e.status === "broken").map((e) => [e.id, e] as const))(
      "%s (broken): the finding names the cause",
      async (_id, e) => {
        const findings = await lint(dir, e);
        const named = findings.filter(
          (f) =>
            f.rule === e.expect?.rule &&
            f.severity === "error" &&
            (!e.expect.message || f.message.includes(e.expect.message)),
        );
        expect(named, findings.map((f) => `${f.rule}/${f.severity}: ${f.message}`).join("\n")).not.toEqual(
          [],
        );
      },
    );
  });
}
