import { describe, expect, it } from "vitest";
import { engineAvailable, jsonResult, run, withCleanEngine } from "./harness.js";

// sessionlab bench on a real lab: the cost of sharing must respond to something real.
const PORT = "18097";
const available = await engineAvailable();

type Row = {
  sessionBytes: number;
  overheadPct: number;
  session: { rps: number; errors: number };
  baseline: { rps: number; errors: number };
};

describe.runIf(available)("bench on a real lab", () => {
  const dir = withCleanEngine();

  it("a bigger session costs more: 512k vs 1k on the memcached lab, no errors", async () => {
    expect((await run(["up", "memcached", "--port", PORT], { cwd: dir() })).exitCode).toBe(0);
    const r = await run(["bench", "--duration", "4", "--session-size", "1k,512k", "--json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = jsonResult(r.stdout).rows as Row[];
    expect(rows.map((x) => x.sessionBytes)).toEqual([1024, 512 * 1024]);
    for (const x of rows) {
      expect(x.session.errors + x.baseline.errors).toBe(0);
      expect(x.baseline.rps).toBeGreaterThan(0);
    }
    expect(rows[1]!.overheadPct).toBeGreaterThan(rows[0]!.overheadPct + 5);
  });

  it("refuses a session size the probe page does not keep, in one sentence with a fix", async () => {
    const r = await run(["bench", "--session-size", "2048k"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/2048k is more than the probe page keeps/);
    expect(r.stderr).toMatch(/fix: give at most 1024k/);
  });
});
