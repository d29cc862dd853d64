import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/diff-config/rules/index.js";
import { renderRuleDocs } from "../../../scripts/gen-rule-docs.js";
import { fixtureCases, ruleFolders } from "./fixture-cases.js";

const DOCS = join(import.meta.dirname, "..", "..", "..", "docs", "rules.md");

describe("rule catalogue", () => {
  it("has unique ids in kebab-case", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))("%s has complete metadata", (_id, r) => {
    for (const field of ["description", "why", "fix", "example"] as const)
      expect(r.meta[field].length).toBeGreaterThan(10);
    expect(r.meta.kinds.length).toBeGreaterThan(0);
  });

  it.each(RULES.map((r) => [r.meta.id]))("%s has a must-fire and a must-stay-quiet fixture", (id) => {
    expect(ruleFolders()).toContain(id);
    const cases = fixtureCases(id);
    expect(cases.some((c) => !c.quiet)).toBe(true);
    expect(cases.some((c) => c.quiet)).toBe(true);
  });

  it("docs/rules.md is generated from the code and up to date (npx tsx scripts/gen-rule-docs.ts)", () => {
    const docs = readFileSync(DOCS, "utf8");
    expect(docs).toBe(renderRuleDocs());
    for (const r of RULES) expect(docs).toContain(`\`${r.meta.id}\``);
  });
});
