/**
 * Start-up cost of the CLI as whole processes: `--help` and `diff-config` on one file, each against a
 * bare `node -e 0` (median of N interleaved runs, so machine noise hits all three alike). Target: ≤ 3×.
 * Needs no Docker engine.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../bin/sessionlab.js", import.meta.url));
const FIXTURE = fileURLToPath(
  new URL("../fixtures/diff-config/canonical/memcached/msm@tomcat9/context.xml", import.meta.url),
);
const TARGET_RATIO = 3;

export interface StartupRow {
  name: string;
  ms: number;
  targetMs?: number;
  note?: string;
}

function timeOnce(args: string[], okCodes: number[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const ms = performance.now() - t;
  if (r.status === null || !okCodes.includes(r.status))
    throw new Error(`node ${args.join(" ")} exited ${r.status ?? r.signal}\n${String(r.stderr)}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchStartup(runs = Number(process.env.BENCH_STARTUP_RUNS ?? 21)): StartupRow[] {
  const cases = [
    { name: "node -e 0", args: ["-e", "0"], ok: [0] },
    { name: "sessionlab --help", args: [CLI, "--help"], ok: [0] },
    // Exit 0 or 1: the timing is what matters here, not the verdict.
    { name: "sessionlab diff-config context.xml", args: [CLI, "diff-config", FIXTURE], ok: [0, 1] },
  ];
  const times = cases.map(() => [] as number[]);
  for (const c of cases) timeOnce(c.args, c.ok); // warm the file cache once
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => times[k]!.push(timeOnce(c.args, c.ok)));
  const [base, ...rest] = times.map(median);
  const rows: StartupRow[] = [{ name: `start-up: node -e 0 (median of ${runs})`, ms: base! }];
  rest.forEach((ms, k) =>
    rows.push({
      name: `start-up: ${cases[k + 1]!.name} (median of ${runs})`,
      ms,
      targetMs: TARGET_RATIO * base!,
      note: `${(ms / base!).toFixed(1)}× node (target ≤ ${TARGET_RATIO}×)`,
    }),
  );
  return rows;
}
