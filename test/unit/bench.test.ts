import { describe, expect, it } from "vitest";
import { parseSessionSizes } from "../../src/commands/options.js";
import { percentile, statsOf } from "../../src/bench/load.js";
import { bar, human } from "../../src/bench/run.js";

describe("bench arithmetic", () => {
  it("percentiles, throughput and errors over several phases", () => {
    const s = statsOf([
      { latencies: [1, 2, 3, 4], errors: 0, seconds: 1 },
      { latencies: [5, 6, 7, 8, 9, 100], errors: 2, seconds: 1 },
    ]);
    expect(s).toEqual({ requests: 12, errors: 2, seconds: 2, rps: 5, p50: 6, p90: 100, p99: 100 });
    expect(percentile([], 50)).toBe(0);
  });
  it("sizes, labels and the progress bar", () => {
    expect(parseSessionSizes("1k, 10k,512")).toEqual([1024, 10240, 512]);
    expect(() => parseSessionSizes("2048k")).toThrow(/more than the probe page keeps/);
    expect(() => parseSessionSizes("big")).toThrow(/is not a size/);
    expect(human(1024)).toBe("1k");
    expect(human(512)).toBe("512 B");
    expect(bar(0.25, 8)).toBe("[##------]");
  });
});
