/**
 * `sessionlab bench`: what session sharing costs on a running lab. The session page (probe.jsp, with
 * N bytes kept in the session) and the same Tomcats' page without a session (nosession.jsp) are loaded
 * in alternating phases, so drift of the machine cancels out; the overhead is the throughput ratio.
 */
import { Agent } from "undici";
import type { Progress } from "../core/output.js";
import { resolveLab } from "../orchestrator/discover.js";
import { connectRuntime } from "../runtime/connect.js";
import { LABEL_VARIANT } from "../runtime/labels.js";
import { type PhaseStats, runPhase, statsOf } from "./load.js";

export interface BenchOptions {
  lab?: string;
  /** seconds of load per session size, split over the phases */
  durationSeconds: number;
  connections: number;
  /** bytes kept in the session, one run per size */
  sessionSizes: number[];
  rounds: number;
  signal?: AbortSignal;
  progress: Progress;
}

export interface BenchRow {
  sessionBytes: number;
  baseline: PhaseStats;
  session: PhaseStats;
  /** session throughput / baseline throughput */
  ratio: number;
  /** what sharing costs: 1 − ratio, in percent */
  overheadPct: number;
}

export interface BenchReport {
  lab: string;
  variant: string;
  url: string;
  connections: number;
  durationSeconds: number;
  rows: BenchRow[];
}

export async function bench(opts: BenchOptions): Promise<BenchReport> {
  const runtime = await connectRuntime();
  const lab = await resolveLab(runtime, opts.lab);
  const variant = lab.containers[0]?.labels[LABEL_VARIANT] ?? lab.kind;
  const agent = new Agent({ keepAliveTimeout: 4000, connections: opts.connections + 2 });
  const rows: BenchRow[] = [];
  try {
    const base = `${lab.url}/nosession.jsp`;
    const page = (bytes: number) => `${lab.url}/probe.jsp?pad=${bytes}`;
    // Warm up both pages (JSP compilation, connections) before anything is measured.
    opts.progress.step("warming up");
    await runPhase(base, { agent, users: opts.connections, ms: 2000, signal: opts.signal });
    await runPhase(page(opts.sessionSizes[0] ?? 0), {
      agent,
      users: opts.connections,
      ms: 1000,
      signal: opts.signal,
    });
    opts.progress.done();
    const phaseMs = (opts.durationSeconds * 1000) / (2 * opts.rounds);
    for (const bytes of opts.sessionSizes) {
      const b: Array<Awaited<ReturnType<typeof runPhase>>> = [];
      const s: Array<Awaited<ReturnType<typeof runPhase>>> = [];
      for (let r = 0; r < opts.rounds; r++) {
        opts.signal?.throwIfAborted();
        const done =
          (opts.sessionSizes.indexOf(bytes) * opts.rounds + r) / (opts.sessionSizes.length * opts.rounds);
        opts.progress.step(
          `${bar(done)} ${Math.round(done * 100)} %  ${human(bytes)} session: round ${r + 1} of ${opts.rounds}, no session then session`,
        );
        b.push(await runPhase(base, { agent, users: opts.connections, ms: phaseMs, signal: opts.signal }));
        s.push(
          await runPhase(page(bytes), { agent, users: opts.connections, ms: phaseMs, signal: opts.signal }),
        );
        opts.progress.done();
      }
      const baseline = statsOf(b);
      const session = statsOf(s);
      const ratio = baseline.rps ? session.rps / baseline.rps : 0;
      rows.push({
        sessionBytes: bytes,
        baseline,
        session,
        ratio: Math.round(ratio * 1000) / 1000,
        overheadPct: Math.round((1 - ratio) * 1000) / 10,
      });
    }
  } finally {
    await agent.close();
  }
  opts.signal?.throwIfAborted();
  return {
    lab: lab.instance,
    variant,
    url: lab.url,
    connections: opts.connections,
    durationSeconds: opts.durationSeconds,
    rows,
  };
}

export function human(bytes: number): string {
  return bytes >= 1024 && bytes % 1024 === 0 ? `${bytes / 1024}k` : `${bytes} B`;
}

/** A text progress bar, readable without colour: [#####-----]. */
export function bar(fraction: number, width = 20): string {
  const n = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${"#".repeat(n)}${"-".repeat(width - n)}]`;
}
