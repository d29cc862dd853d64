/** Whatever bytes arrive, diff-config reports; it never throws, hangs or overflows the stack. */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffFiles } from "../../../src/diff-config/diff.js";
import { lintFile } from "../../../src/diff-config/lint.js";
import { loadFromBytes } from "../../../src/diff-config/load.js";
import { fixedText } from "../../../src/diff-config/fix.js";
import { KINDS, type Kind } from "../../../src/diff-config/types.js";
import { fixtureFiles } from "./tool-support.js";

function lintBytes(bytes: Uint8Array, kind?: Kind): number {
  const file = loadFromBytes("input", Buffer.from(bytes), kind);
  const findings = lintFile(file, [file]);
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(file.source.lineCount);
  }
  diffFiles(file, file);
  fixedText(file, findings);
  return findings.length;
}

const fixtures = fixtureFiles((p) => !p.endsWith(".json") && !p.endsWith(".jar")).map((p) => readFileSync(p));
const kind = fc.option(fc.constantFrom(...KINDS), { nil: undefined });

describe("robustness", () => {
  it("survives random bytes as any kind", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), kind, (bytes, k) => void lintBytes(bytes, k)),
      { numRuns: 300 },
    );
  });

  it("survives random text built from config punctuation and pasted characters", () => {
    const alphabet = fc.constantFrom(
      ..."<>/=\"'{};#\n\r\t :.-_abcMSCcontext\u00a0\u3000\u200b\u201c\u201d\u2013\ufeff\u0001$\\".split(""),
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 3000 }).map((a) => a.join("")),
        kind,
        (s, k) => void lintBytes(Buffer.from(s), k),
      ),
      {
        numRuns: 300,
      },
    );
  });

  it("survives every truncation point of the real fixtures", () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.double({ min: 0, max: 1, noNaN: true }), (bytes, cut) => {
        lintBytes(bytes.subarray(0, Math.floor(bytes.length * cut)));
      }),
      { numRuns: 400 },
    );
  });

  it("survives 10k nested XML elements and nginx blocks", () => {
    const depth = 10_000;
    const xml = `<Context>${"<a x='1'>".repeat(depth)}${"</a>".repeat(depth)}</Context>`;
    expect(() => lintBytes(Buffer.from(xml))).not.toThrow();
    const unclosed = `<Context>${"<a>".repeat(depth)}`;
    expect(lintBytes(Buffer.from(unclosed))).toBeGreaterThan(0);
    const nginx = `http {\n${"location / {\n".repeat(depth)}${"}\n".repeat(depth)}}\n`;
    expect(() => lintBytes(Buffer.from(nginx), "nginx")).not.toThrow();
  });

  it("lints a 1 MB file in well under a second", () => {
    const manager = readFileSync(
      fixtureFiles((p) => p.endsWith("canonical/memcached/msm@tomcat9/context.xml"))[0] as string,
      "utf8",
    );
    const body = manager.split("<Context>")[1]?.split("</Context>")[0] ?? "";
    const big = `<Context>${body.repeat(Math.ceil(1_000_000 / body.length))}\u00a0</Context>`;
    const start = performance.now();
    expect(lintBytes(Buffer.from(big))).toBeGreaterThan(0);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
