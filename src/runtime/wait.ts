import { setTimeout as delay } from "node:timers/promises";

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
  /** Builds the error thrown on timeout, given the last failure seen. */
  onTimeout: (last: unknown) => Error;
}

/**
 * Calls `probe` until it returns a value (not undefined), then returns it. A probe may throw to
 * report a fatal condition (e.g. the container exited); other failures are "not yet".
 * This is the only place sessionlab waits: every readiness check is a probe polled here.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  opts: PollOptions,
  isFatal: (e: unknown) => boolean = () => false,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  for (;;) {
    opts.signal?.throwIfAborted();
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      if (isFatal(e)) throw e;
      last = e;
    }
    if (Date.now() >= deadline) throw opts.onTimeout(last);
    await delay(opts.intervalMs ?? 200, undefined, { signal: opts.signal }).catch(() => undefined);
  }
}

/** Builds the bash line that sends one raw request over /dev/tcp inside a container (no curl needed). */
export function tcpRequestScript(port: number, payload: string): string[] {
  return [
    "bash",
    "-c",
    `exec 3<>/dev/tcp/127.0.0.1/${port} && printf '%b' "$1" >&3 && cat <&3`,
    "_",
    payload,
  ];
}
