import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { lintFiles } from "../../../src/diff-config/index.js";
import { excerpt, formatStylish } from "../../../src/diff-config/formatters/stylish.js";
import { FIXTURES } from "./fixture-cases.js";

const plain = new Chalk({ level: 0 });

describe("stylish output", () => {
  it("puts the caret under the character, after invisible characters are spelled out", () => {
    const { line, caret } = excerpt("\u00a0<Manager sticky=\u201ctrue\u201d/>", 18);
    expect(line).toBe(
      "⟦U+00A0 NO-BREAK SPACE⟧<Manager sticky=⟦U+201C LEFT DOUBLE QUOTATION MARK⟧true⟦U+201D RIGHT DOUBLE QUOTATION MARK⟧/>",
    );
    expect(line.indexOf("⟦U+201C")).toBe(caret.indexOf("^"));
    expect(caret.trim()).toHaveLength("⟦U+201C LEFT DOUBLE QUOTATION MARK⟧".length);
  });

  it("keeps a window around the column of a very long line", () => {
    const long = `${"a".repeat(500)}\u200b${"b".repeat(500)}`;
    const { line, caret } = excerpt(long, 501);
    expect(line.length).toBeLessThan(150);
    expect(line.slice(caret.indexOf("^"))).toMatch(/^⟦U\+200B/);
  });

  it("prints path:line:col, severity, message, rule, the line, a caret, the fix and a summary", async () => {
    const report = await lintFiles([`${FIXTURES}/value-whitespace/context-sticky.xml`], { diff: false });
    const text = formatStylish(report, plain);
    expect(text).toMatch(
      /context-sticky\.xml:4:57 {2}error {2}sticky="true " has trailing whitespace.* {2}value-whitespace/,
    );
    expect(text).toMatch(/\n {4}4 \| .*sticky="true "/);
    expect(text).toMatch(/\n {4} {2}\| {57}\^/);
    expect(text).toContain('fix: Write sticky="true".');
    expect(text).toMatch(/✖ 1 error, 0 warnings, 0 info in 1 file\n$/);
  });
});
