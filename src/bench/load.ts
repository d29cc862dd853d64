/**
 * The load generator of `sessionlab bench`: virtual users on undici, each with its own session
 * cookie, requesting one page back to back until the phase's deadline. Bounded in time and count.
 */
import { type Agent, request } from "undici";

export interface PhaseStats {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
}

/** Hard cap per phase, whatever the machine: a bench must stop by itself. */
export const MAX_REQUESTS_PER_PHASE = 500_000;

const SESSION_COOKIE = /(?:^|,\s*)(JSESSIONID=[^;,\s]+)/i;

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Latencies (ms) and errors of `users` virtual users on `url` for `ms`; users keep their cookie. */
export async function runPhase(
  url: string,
  opts: { agent: Agent; users: number; ms: number; signal?: AbortSignal },
): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + opts.ms;
  const user = async () => {
    let cookie: string | undefined;
    while (performance.now() < deadline && latencies.length + errors < MAX_REQUESTS_PER_PHASE) {
      if (opts.signal?.aborted) return;
      const t = performance.now();
      try {
        const res = await request(url, {
          dispatcher: opts.agent,
          headers: cookie ? { cookie } : {},
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        const set = res.headers["set-cookie"];
        const m = SESSION_COOKIE.exec(Array.isArray(set) ? set.join(", ") : (set ?? ""));
        if (m) cookie = m[1];
        await res.body.dump();
        if (res.statusCode === 200) latencies.push(performance.now() - t);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.users }, user));
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

/** Several phases of one page, taken together. */
export function statsOf(phases: Array<{ latencies: number[]; errors: number; seconds: number }>): PhaseStats {
  const all = phases.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const seconds = phases.reduce((s, p) => s + p.seconds, 0);
  const errors = phases.reduce((s, p) => s + p.errors, 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    requests: all.length + errors,
    errors,
    seconds: round(seconds),
    rps: Math.round(all.length / Math.max(seconds, 1e-9)),
    p50: round(percentile(all, 50)),
    p90: round(percentile(all, 90)),
    p99: round(percentile(all, 99)),
  };
}
