/** Whatever bytes arrive, diff-config reports; it never throws, hangs or overflows the stack. */
import { Chalk } from "chalk";
import fc from "fast-check";
import {
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffFiles } from "../../../src/diff-config/diff.js";
import { lintFile } from "../../../src/diff-config/lint.js";
import { loadFromBytes } from "../../../src/diff-config/load.js";
import { fixedText } from "../../../src/diff-config/fix.js";
import { binaryReason, MAX_CONFIG_BYTES } from "../../../src/diff-config/binary.js";
import { formatStylish } from "../../../src/diff-config/formatters/stylish.js";
import { formatJson } from "../../../src/diff-config/formatters/json.js";
import { lintFiles } from "../../../src/diff-config/index.js";
import { KINDS, type Kind } from "../../../src/diff-config/types.js";
import { fixtureFiles } from "./tool-support.js";

function lintBytes(bytes: Uint8Array, kind?: Kind): number {
  const file = loadFromBytes("input", Buffer.from(bytes), kind);
  const findings = lintFile(file, [file]);
  // One expect for all findings: a megabyte of random bytes has a hundred thousand of them.
  const misplaced = findings.find((f) => f.line < 1 || f.column < 1 || f.line > file.source.lineCount);
  expect(misplaced).toBeUndefined();
  diffFiles(file, file);
  fixedText(file, findings);
  // The formatters too: the 3 MB crash was Math.max(...lines) in the stylish gutter.
  const report = {
    files: [{ path: "input", kind: file.kind, findings, source: file.source }],
    errorCount: findings.length,
    warningCount: 0,
    infoCount: 0,
    unreadableCount: 0,
  };
  formatStylish(report, plain);
  formatJson(report);
  return findings.length;
}

const plain = new Chalk({ level: 0 });

/** The first bytes of a real file (an executable can be large). */
function head(path: string, n: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

const jars = fixtureFiles((p) => p.endsWith(".jar"));

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

  it("survives 1–1.5 MB of random bytes through lint, fixes and both formatters", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 1_500_000 }), fc.integer(), (size, seed) => {
        const bytes = Buffer.alloc(size);
        let x = seed | 1;
        for (let i = 0; i < size; i++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          bytes[i] = x & 0xff;
        }
        expect(lintBytes(bytes)).toBeGreaterThan(1000);
      }),
      // Each run lints about a hundred thousand findings; no shrinking, a failure is plain as it is.
      { numRuns: 2, endOnFailure: true },
    );
  }, 120_000);

  it("prints 300k findings in one file without overflowing the stack", () => {
    const file = loadFromBytes("many.conf", Buffer.from("x;\n".repeat(300_000)), "nginx");
    const findings = Array.from({ length: 300_000 }, (_, i) => ({
      rule: "nginx-syntax",
      severity: "error" as const,
      line: i + 1,
      column: 1,
      message: "m",
      fix: "f",
    }));
    const report = {
      files: [{ path: "many.conf", kind: file.kind, findings, source: file.source }],
      errorCount: findings.length,
      warningCount: 0,
      infoCount: 0,
      unreadableCount: 0,
    };
    const out = formatStylish(report, plain);
    expect(out).toContain("many.conf:300000:1");
    expect(out).toContain(" 300000 | x;");
  });
});

describe("binary detection", () => {
  it("calls every real binary binary: the fixture jars, this Node executable, the jars' class files", () => {
    expect(jars.length).toBeGreaterThan(3);
    for (const jar of jars) expect(binaryReason(readFileSync(jar)), jar).toMatch(/zip archive/);
    expect(binaryReason(head(process.execPath, 1 << 20))).toMatch(/ELF|Windows executable|binary data/);
    const cafebabe = Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]), Buffer.alloc(64, 1)]);
    expect(binaryReason(cafebabe)).toMatch(/Java class file/);
  });

  it("calls every fixture and canonical config text", () => {
    const texts = fixtureFiles((p) => !p.endsWith(".json") && !p.endsWith(".jar"));
    expect(texts.length).toBeGreaterThan(100);
    for (const p of texts) expect(binaryReason(readFileSync(p)), p).toBeUndefined();
  });

  it("calls any text text: UTF-8 of any script, GBK-like and Latin-1 bytes, a few pasted control characters", () => {
    const printable = fc
      .string({ unit: "grapheme", maxLength: 2000 })
      // Without C0 controls other than tab, line ends and ESC: those are what binary data is made of.
      .map((t) =>
        [...t].filter((ch) => ch.length > 1 || !(ch < " " && !"\t\n\v\f\r\x1b".includes(ch))).join(""),
      );
    fc.assert(
      fc.property(printable, fc.nat(), (t, at) => {
        const text = Buffer.from(t);
        expect(binaryReason(text)).toBeUndefined();
        // One stray control character in a config of some size is the control-char rule's business.
        const withCtl = Buffer.concat([Buffer.from("<Context>".repeat(20)), text]);
        withCtl[at % withCtl.length] = 0x01;
        expect(binaryReason(withCtl)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4000 }), (high) => {
        // A config saved as GBK/Latin-1: ASCII markup with runs of bytes above 0x7f (comments, values).
        const markup = Buffer.from('<Manager className="x" sticky="false"/>\n'.repeat(40));
        const body = Buffer.from(high.map((b) => 0x80 | b).subarray(0, markup.length));
        expect(binaryReason(Buffer.concat([markup, body]))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it("calls binary anything with a binary signature or enough NUL/control bytes", () => {
    const signatures = [
      [0x50, 0x4b, 0x03, 0x04],
      [0x1f, 0x8b, 0x08],
      [0x7f, 0x45, 0x4c, 0x46],
      [0x89, 0x50, 0x4e, 0x47],
      [0xca, 0xfe, 0xba, 0xbe],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 5000 }), (sig, rest) => {
        expect(binaryReason(Buffer.concat([Buffer.from(sig), rest]))).toBeDefined();
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 100, maxLength: 20_000 }), (bytes) => {
        const b = Buffer.from(bytes);
        // Every 50th byte NUL: 2% control bytes, as in any real binary.
        for (let i = 0; i < b.length; i += 50) b[i] = 0;
        expect(binaryReason(b)).toBeDefined();
      }),
      { numRuns: 200 },
    );
  });

  it("refuses files over the size limit before reading them, and reads one at the limit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sessionlab-size-"));
    try {
      const sizes = [MAX_CONFIG_BYTES + 1, 64 * 1024 * 1024, 2 ** 31];
      for (const size of sizes) {
        const path = join(dir, `big-${size}.xml`);
        writeFileSync(path, "");
        truncateSync(path, size); // sparse
        const start = performance.now();
        const report = await lintFiles([path], { diff: false });
        expect(performance.now() - start).toBeLessThan(1000);
        expect(report.unreadableCount).toBe(1);
        expect(report.files[0]?.error?.message).toMatch(/MB, more than the 32 MB any config file needs/);
      }
      const atLimit = join(dir, "at-limit.conf");
      writeFileSync(atLimit, "# a comment\n".padEnd(4096, " ") + "\n");
      truncateSync(atLimit, MAX_CONFIG_BYTES); // pads with NUL bytes: read, then refused as binary
      const report = await lintFiles([atLimit], { diff: false });
      expect(report.files[0]?.error?.message).toMatch(/not a text config file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
