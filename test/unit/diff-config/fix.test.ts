import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lintFiles } from "../../../src/diff-config/index.js";
import { FIXTURES } from "./fixture-cases.js";

const dirs: string[] = [];
function copy(...fixtures: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "sessionlab-fix-"));
  dirs.push(dir);
  return fixtures.map((f, i) => {
    const to = join(dir, `${i}-${f.replace(/\//g, "-")}`);
    cpSync(join(FIXTURES, f), to);
    return to;
  });
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("--fix", () => {
  it("rewrites invisible characters, quotes and value whitespace after writing FILE.bak", async () => {
    const [blog, clean] = copy("smart-quote/context.xml", "bom/ok-context.xml");
    const [nbsp, sticky, bom] = copy(
      "unicode-space/context-in-tag.xml",
      "value-whitespace/context-sticky.xml",
      "bom/nginx.conf",
    );
    const paths = [blog, clean, nbsp, sticky, bom] as string[];
    const before = paths.map((p) => readFileSync(p));
    const cleanMtime = statSync(clean as string).mtimeMs;

    const result = await lintFiles(paths, { fix: true, diff: false });

    expect(result.fixed.map((f) => f.path).sort()).toEqual([blog, nbsp, sticky, bom].sort());
    expect(result.fixed.map((f) => f.backup).sort()).toEqual(
      [blog, nbsp, sticky, bom].map((p) => `${p}.bak`).sort(),
    );
    for (const [i, p] of paths.entries()) {
      if (p === clean) continue;
      expect(readFileSync(`${p}.bak`)).toEqual(before[i]);
    }
    expect(existsSync(`${clean}.bak`)).toBe(false);
    expect(statSync(clean as string).mtimeMs).toBe(cleanMtime);
    expect(readFileSync(blog as string, "utf8")).toContain('sticky="false"');
    expect(readFileSync(sticky as string, "utf8")).toContain('sticky="true"');
    expect(readFileSync(bom as string)[0]).toBe("w".charCodeAt(0));
    // The re-lint after fixing finds nothing left that was fixable.
    expect(result.errorCount).toBe(0);
  });

  it("never touches a file with undecodable bytes or only unfixable problems", async () => {
    const [gbk, dash] = copy("invalid-utf8/context-gbk.xml", "unicode-dash/redis.conf");
    const before = [readFileSync(gbk as string), readFileSync(dash as string)];
    const result = await lintFiles([gbk as string, dash as string], { fix: true, diff: false });
    expect(result.fixed).toEqual([]);
    expect(readFileSync(gbk as string)).toEqual(before[0]);
    expect(readFileSync(dash as string)).toEqual(before[1]);
    expect(existsSync(`${gbk}.bak`)).toBe(false);
    expect(existsSync(`${dash}.bak`)).toBe(false);
  });

  it("keeps the first backup: a second --fix writes FILE.bak.1", async () => {
    const [sticky] = copy("value-whitespace/context-sticky.xml");
    const original = readFileSync(sticky as string);
    await lintFiles([sticky as string], { fix: true, diff: false });
    writeFileSync(
      sticky as string,
      readFileSync(sticky as string, "utf8").replace('sticky="true"', 'sticky="true "'),
    );
    const second = await lintFiles([sticky as string], { fix: true, diff: false });
    expect(second.fixed).toEqual([{ path: sticky, backup: `${sticky}.bak.1` }]);
    expect(readFileSync(`${sticky}.bak`)).toEqual(original);
  });
});
