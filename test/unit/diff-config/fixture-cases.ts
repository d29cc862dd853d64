/**
 * The fixture convention: fixtures/diff-config/<rule-id>/ holds cases. A case is a file, or a folder
 * of files linted together (a folder with conf/ is a CATALINA_BASE). Cases named ok* must stay quiet;
 * every other case has expected findings in <file>.expected.json (a list) or <folder>/expected.json
 * (a map from file, relative to the folder, to its list). A folder case may nest folders (two projects
 * side by side, each its own deployment). options.json (or <file>.options.json) gives lint options
 * such as {"tomcat": "8.5.31", "java": 17}, for rules whose findings depend on versions. Each expected
 * finding names its rule, severity, position, message and fix text.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { lintFiles, type LintOptions } from "../../../src/diff-config/index.js";

export const FIXTURES = join(import.meta.dirname, "..", "..", "..", "fixtures", "diff-config");

/** A finding as a fixture asserts it: where, how bad, and the exact words the user reads. */
export interface ExpectedFinding {
  rule: string;
  severity: string;
  line: number;
  column: number;
  message: string;
  fix: string;
}

export interface FixtureCase {
  rule: string;
  name: string;
  dir: string;
  /** What is passed to lintFiles. */
  inputs: string[];
  quiet: boolean;
  expectedPath: string;
  optionsPath: string;
}

const isExtra = (f: string) =>
  f.endsWith(".expected.json") ||
  f === "expected.json" ||
  f.endsWith(".options.json") ||
  f === "options.json" ||
  f.endsWith(".bak");

/** Every file under a folder case, nested folders included, in a stable order. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => !isExtra(f))
    .sort()
    .flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

export function ruleFolders(): string[] {
  return readdirSync(FIXTURES)
    .filter((d) => d !== "canonical" && statSync(join(FIXTURES, d)).isDirectory())
    .sort();
}

export function fixtureCases(rule: string): FixtureCase[] {
  const dir = join(FIXTURES, rule);
  return readdirSync(dir)
    .filter((f) => !isExtra(f))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const quiet = name.startsWith("ok");
      if (!statSync(path).isDirectory())
        return {
          rule,
          name,
          dir,
          inputs: [path],
          quiet,
          expectedPath: `${path}.expected.json`,
          optionsPath: `${path}.options.json`,
        };
      const inputs = existsSync(join(path, "conf")) ? [path] : filesUnder(path);
      return {
        rule,
        name,
        dir: path,
        inputs,
        quiet,
        expectedPath: join(path, "expected.json"),
        optionsPath: join(path, "options.json"),
      };
    });
}

/** Findings per file, keyed by path relative to the case (a file case uses its own name). */
export async function actualFindings(c: FixtureCase): Promise<Record<string, ExpectedFinding[]>> {
  const options = existsSync(c.optionsPath)
    ? (JSON.parse(readFileSync(c.optionsPath, "utf8")) as Pick<LintOptions, "tomcat" | "java">)
    : {};
  const report = await lintFiles(c.inputs, { ...options, diff: false });
  const isFileCase = c.dir === join(FIXTURES, c.rule);
  const out: Record<string, ExpectedFinding[]> = {};
  // Messages that name a file name it by absolute path; the fixture names it from the case folder.
  const portable = (s: string) => s.split(c.dir).join("<case>").split(FIXTURES).join("<fixtures>");
  for (const f of report.files) {
    out[isFileCase ? c.name : relative(c.dir, f.path)] = f.findings.map(
      ({ rule, severity, line, column, message, fix }) => ({
        rule,
        severity,
        line,
        column,
        message: portable(message),
        fix: portable(fix),
      }),
    );
  }
  return out;
}

/** The expected findings in the same shape as actualFindings. */
export function expectedFindings(c: FixtureCase): Record<string, ExpectedFinding[]> {
  const raw = JSON.parse(readFileSync(c.expectedPath, "utf8")) as
    ExpectedFinding[] | Record<string, ExpectedFinding[]>;
  return Array.isArray(raw) ? { [c.name]: raw } : raw;
}
