/**
 * `npm run bench`: times the CLI's start-up (no Docker needed), then the real CLI against the real
 * Docker engine (cold and warm `up`, `verify`, `down`) and the diff-config layer, and compares each
 * figure with its target. Cold means no sessionlab images and an empty artifact cache.
 * BENCH_ONLY=startup (`npm run bench:startup`) runs only the start-up part; BENCH_ONLY=cluster
 * (`npm run bench:cluster`) only Tomcat's own cluster (formation, state transfer, primary kill).
 */
import { execa } from "execa";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchCluster } from "./cluster.bench.js";
import { benchGenerator } from "./generator.bench.js";
import { benchStartup } from "./startup.bench.js";

const CLI = fileURLToPath(new URL("../bin/sessionlab.js", import.meta.url));
const LABS = (
  process.env.BENCH_LABS ??
  "memcached,redis,redis --manager redisson,redis --manager msm,memcached --tomcats 3"
).split(",");
const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface BenchRow {
  sessionBytes: number;
  overheadPct: number;
  session: { rps: number; p50: number };
  baseline: { rps: number; p50: number };
}

interface Row {
  name: string;
  ms: number;
  targetMs?: number;
  note?: string;
}

async function timed(args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  const t = performance.now();
  const r = await execa("node", [CLI, ...args], { env: { NO_COLOR: "1", ...env }, cwd, reject: false });
  const ms = performance.now() - t;
  if (r.exitCode !== 0) throw new Error(`sessionlab ${args.join(" ")} exited ${r.exitCode}\n${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function benchLab(lab: string, rows: Row[]): Promise<void> {
  const cwd = await mkdtemp(join(tmpdir(), "sessionlab-bench-"));
  const cache = await mkdtemp(join(tmpdir(), "sessionlab-bench-cache-"));
  const env = { SESSIONLAB_CACHE_DIR: cache };
  const [name, ...extra] = lab.split(" ");
  const upArgs = ["up", name!, ...extra, "--port", "18180"];
  try {
    await timed(["down", "--all", "--images"], env, cwd);
    rows.push({ name: `${lab}: cold up (build images, download)`, ms: await timed(upArgs, env, cwd) });
    rows.push({ name: `${lab}: verify (cold lab)`, ms: await timed(["verify"], env, cwd) });
    // What sharing costs on this lab (sessionlab bench), and whether its generator keeps up with wrk.
    const b = await execa("node", [CLI, "bench", "--duration", "8", "--session-size", "1k,100k", "--json"], {
      env: { NO_COLOR: "1", ...env },
      cwd,
      reject: false,
    });
    if (b.exitCode === 0) {
      const report = (JSON.parse(b.stdout) as { result: { rows: BenchRow[] } }).result;
      for (const r of report.rows)
        rows.push({
          name: `${lab}: sharing costs, ${r.sessionBytes / 1024}k session (bench)`,
          ms: 0,
          note: `${r.session.rps} vs ${r.baseline.rps} req/s without a session: ${r.overheadPct} %, p50 ${r.session.p50} vs ${r.baseline.p50} ms`,
        });
    } else rows.push({ name: `${lab}: bench failed: ${b.stderr.split("\n")[0]}`, ms: 0 });
    if (lab === LABS[0]) rows.push(...(await benchGenerator("http://127.0.0.1:18180")));
    rows.push({ name: `${lab}: down`, ms: await timed(["down"], env, cwd), targetMs: 5000 });
    const ups: number[] = [];
    const verifies: number[] = [];
    const downs: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      ups.push(await timed(upArgs, env, cwd));
      verifies.push(await timed(["verify"], env, cwd));
      downs.push(await timed(["down"], env, cwd));
    }
    rows.push({
      name: `${lab}: warm up to verified-ready (median of ${WARM_RUNS})`,
      ms: median(ups),
      targetMs: 20_000,
    });
    rows.push({ name: `${lab}: verify (median of ${WARM_RUNS})`, ms: median(verifies), targetMs: 3000 });
    rows.push({ name: `${lab}: down (median of ${WARM_RUNS})`, ms: median(downs), targetMs: 5000 });
  } finally {
    await execa("node", [CLI, "down", "--all"], { reject: false });
    await rm(cwd, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // Start-up first: it needs no engine, and the Docker runs below would only add noise to it.
  const rows: Row[] = benchStartup();
  if (process.env.BENCH_ONLY === "cluster") rows.push(...(await benchCluster()));
  else if (process.env.BENCH_ONLY !== "startup") await benchDocker(rows);
  print(rows);
}

async function benchDocker(rows: Row[]): Promise<void> {
  for (const lab of LABS) await benchLab(lab, rows);
  rows.push(...(await benchCluster()));
  try {
    const module = "./diff-config.bench.js"; // optional part; a variable keeps tsc from requiring it
    const { benchDiffConfig } = (await import(module)) as {
      benchDiffConfig: () => Promise<Row[]>;
    };
    rows.push(...(await benchDiffConfig()));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw e;
  }
}

function print(rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.name.length));
  let missed = 0;
  for (const r of rows) {
    const verdict =
      r.targetMs === undefined
        ? ""
        : r.ms <= r.targetMs
          ? `  ok (≤ ${r.targetMs.toFixed(0)} ms)`
          : `  OVER ${r.targetMs.toFixed(0)} ms`;
    if (r.targetMs !== undefined && r.ms > r.targetMs) missed++;
    const note = r.note ? `  ${r.note}` : "";
    console.log(`${r.name.padEnd(width)}  ${r.ms.toFixed(0).padStart(7)} ms${note}${verdict}`);
  }
  process.exitCode = missed ? 1 : 0;
}

await main();
