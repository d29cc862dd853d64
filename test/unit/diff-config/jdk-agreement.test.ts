/**
 * Our XML well-formedness verdict must equal the JDK's SAX parser (Xerces, the family Tomcat's
 * digester uses) on every XML fixture: same ok/not-ok, and the same line.
 */
import { execa } from "execa";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadFromBytes } from "../../../src/diff-config/load.js";
import { fixtureFiles, hasTool, shouldRun } from "./tool-support.js";

const CHECKER = join(import.meta.dirname, "..", "..", "support", "XmlWellFormed.java");
const javaPresent = await hasTool("java", ["-version"]);
const files = fixtureFiles((p) => p.endsWith(".xml"));

/** ok, or the line of the first fatal error. */
function ourVerdict(path: string): "ok" | number {
  const file = loadFromBytes(path, readFileSync(path));
  const invalid = file.invalidBytes[0];
  const error = file.xml?.error;
  if (invalid !== undefined) {
    const line = file.source.position(invalid).line;
    return error ? Math.min(line, error.line) : line;
  }
  return error ? error.line : "ok";
}

describe.runIf(shouldRun(javaPresent))("agreement with the JDK XML parser", () => {
  const jdk = new Map<string, "ok" | number>();

  beforeAll(async () => {
    if (!javaPresent) throw new Error("java is not on PATH (required on CI)");
    const { stdout } = await execa("java", [CHECKER, ...files], { timeout: 120_000 });
    for (const row of stdout.split("\n")) {
      const [path, verdict] = row.split("\t");
      if (path && verdict) jdk.set(path, verdict === "ok" ? "ok" : Number(verdict.split(":")[0]));
    }
  }, 180_000);

  it("covers the XML fixtures", () => {
    expect(files.length).toBeGreaterThan(40);
    expect(jdk.size).toBe(files.length);
  });

  it.each(files.map((f) => [f.slice(f.indexOf("fixtures/")), f]))("%s", (_name, path) => {
    expect(ourVerdict(path)).toEqual(jdk.get(path));
  });
});
