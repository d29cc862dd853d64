import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actualFindings, expectedFindings, fixtureCases, ruleFolders } from "./fixture-cases.js";
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
      it(`fires on ${c.name} at the expected lines and columns`, async () => {
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
