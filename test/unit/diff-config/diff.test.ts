import { describe, expect, it } from "vitest";
import { diffFiles } from "../../../src/diff-config/diff.js";
import { loadFromBytes } from "../../../src/diff-config/load.js";

const load = (text: string, name = "context.xml") => loadFromBytes(name, Buffer.from(text));

describe("layer-4 diff", () => {
  it("ignores attribute order, indentation, quoting style and comments", () => {
    const known = load(
      '<Context>\n  <Manager className="m" sticky="false" memcachedNodes="n1:a:1"/>\n</Context>\n',
    );
    const mine = load(
      '<!-- mine -->\n<Context>\n<Manager memcachedNodes=\'n1:a:1\'\n\t\tsticky="false"   className="m" />\n</Context>',
    );
    expect(diffFiles(known, mine)).toEqual([]);
  });

  it("shows a changed attribute as a -/+ pair, and missing and extra ones", () => {
    const known = load('<Context><Manager className="m" sticky="false" lockingMode="auto"/></Context>');
    const mine = load('<Context><Manager className="m" sticky="true " failoverNodes="n1"/></Context>');
    const lines = diffFiles(known, mine).map((l) => `${l.op} ${l.text.trim()}`);
    expect(lines).toContain('- lockingMode="auto"');
    expect(lines).toContain('+ failoverNodes="n1"');
    const i = lines.indexOf('- sticky="false"');
    expect(lines[i + 1]).toBe('+ sticky="true "');
  });

  it("shows missing elements and makes invisible characters visible", () => {
    const known = load('<Context><Valve className="v"/><Manager className="m"/></Context>');
    const mine = load('<Context><Manager className="m\u200b"/></Context>');
    const text = diffFiles(known, mine).map((l) => `${l.op} ${l.text.trim()}`);
    expect(text).toContain("- <Valve>");
    expect(text).toContain('+ className="m⟦U+200B ZERO WIDTH SPACE⟧"');
  });

  it("compares nginx by directive and block, redis.conf regardless of order", () => {
    const ng = (body: string) => load(`http {\n  upstream t {\n${body}\n  }\n}\n`, "nginx.conf");
    const lines = diffFiles(ng("server a:8080;\nserver b:8080;"), ng("  server   a:8080;\n server c:8080;"));
    expect(lines.filter((l) => l.op !== " " && l.op !== "~").map((l) => `${l.op}${l.text.trim()}`)).toEqual([
      "-server b:8080;",
      "+server c:8080;",
    ]);
    const redis = (t: string) => load(t, "redis.conf");
    expect(diffFiles(redis("port 6379\nbind 0.0.0.0\n"), redis("bind 0.0.0.0\n# x\nport 6379\n"))).toEqual(
      [],
    );
  });
});
