/**
 * Writes the expected.json of every diff-config fire fixture that has none yet, from the current
 * findings (rule, severity, line, column, message and fix). Review each file it writes: a blessed
 * wrong finding is a test that proves nothing.
 *
 * Run: npx tsx scripts/bless-diff-config-fixtures.mts [--force] [rule-id ...]
 *   --force    rewrite existing expected files too (after changing a message, say)
 *   rule-id    only these rules' fixture folders
 *
 * For every file it rewrites it says what changed, so a review can start with the findings whose
 * rule, severity or position moved rather than those whose wording did.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  actualFindings,
  type ExpectedFinding,
  fixtureCases,
  ruleFolders,
} from "../test/unit/diff-config/fixture-cases.js";

const args = process.argv.slice(2);
const force = args.includes("--force");
const only = args.filter((a) => !a.startsWith("--"));

const where = (f: Partial<ExpectedFinding>) => `${f.rule}/${f.severity}@${f.line}:${f.column}`;
const words = (f: Partial<ExpectedFinding>) => `${f.message ?? ""}\n${f.fix ?? ""}`;

/** What differs between the old expected findings and the new ones, in review order. */
function changes(old: unknown, now: unknown): string {
  const flat = (v: unknown): Array<Partial<ExpectedFinding>> =>
    Array.isArray(v) ? v : Object.values((v ?? {}) as Record<string, Array<Partial<ExpectedFinding>>>).flat();
  const a = flat(old);
  const b = flat(now);
  if (a.map(where).join() !== b.map(where).join()) return "FINDINGS CHANGED (rule, severity or position)";
  if (a.map(words).join() !== b.map(words).join()) return "messages or fixes changed";
  return "unchanged";
}

for (const rule of ruleFolders()) {
  if (only.length > 0 && !only.includes(rule)) continue;
  for (const c of fixtureCases(rule)) {
    if (c.quiet || (existsSync(c.expectedPath) && !force)) continue;
    const actual = await actualFindings(c);
    const body =
      c.inputs.length === 1 && c.expectedPath.endsWith(".expected.json") ? Object.values(actual)[0] : actual;
    const before = existsSync(c.expectedPath)
      ? (JSON.parse(readFileSync(c.expectedPath, "utf8")) as unknown)
      : undefined;
    const text = JSON.stringify(body, null, 2) + "\n";
    writeFileSync(c.expectedPath, text);
    console.log(`wrote ${c.expectedPath}: ${before === undefined ? "new" : changes(before, body)}`);
  }
}
