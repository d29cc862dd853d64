/**
 * Real clients that keep their sessions going through nginx while a drill runs: each has its own
 * cookie jar and requests one after another; every answer goes into one timeline.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Agent } from "undici";
import { ProbeClient } from "../verify/client.js";

export interface TimelineEntry {
  client: number;
  /** request number within the client */
  n: number;
  /** ms since the drill started */
  t: number;
  node?: string;
  sessionId?: string;
  counter?: number;
  /** how long the answer took */
  ms: number;
  outcome: "ok" | "error";
  error?: string;
  /** sent again on a new connection, as a browser does: why the kept-alive one failed */
  retried?: string;
}

/** Bounded: a client never makes more than this many requests in one drill. */
export const MAX_REQUESTS_PER_CLIENT = 2000;

export class Traffic {
  readonly timeline: TimelineEntry[] = [];
  private readonly clients: ProbeClient[];
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly t0 = performance.now();

  constructor(
    url: string,
    agent: Agent,
    count: number,
    private readonly pauseMs = 50,
  ) {
    this.clients = Array.from({ length: count }, () => new ProbeClient(url, agent));
  }

  now(): number {
    return performance.now() - this.t0;
  }

  /** Each client's first request, so every client has a session before the fault. */
  async warmUp(rounds = 2): Promise<void> {
    for (let r = 0; r < rounds; r++) await Promise.all(this.clients.map((c, i) => this.one(c, i)));
  }

  start(): void {
    this.running = true;
    this.loops = this.clients.map(async (c, i) => {
      while (this.running && c.observations.length < MAX_REQUESTS_PER_CLIENT) {
        await this.one(c, i);
        await delay(this.pauseMs);
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Lets the clients run for a while (the drill's windows), unless aborted. */
  async run(ms: number, signal?: AbortSignal): Promise<void> {
    await delay(ms, undefined, { signal }).catch(() => undefined);
  }

  /** N requests at once by the first client, in its one session (the concurrency drill). */
  async burst(n: number): Promise<void> {
    await Promise.all(Array.from({ length: n }, () => this.one(this.clients[0]!, 0)));
  }

  /** One request by the first client; its entry. */
  async once(): Promise<TimelineEntry> {
    await this.one(this.clients[0]!, 0);
    return this.timeline.at(-1)!;
  }

  private async one(c: ProbeClient, i: number): Promise<void> {
    const o = await c.get();
    this.timeline.push({
      client: i + 1,
      n: o.index,
      t: Math.round(this.now()),
      node: o.node,
      sessionId: o.sessionId,
      counter: o.counter,
      ms: Math.round(o.ms),
      outcome: o.error ? "error" : "ok",
      error: o.error,
      ...(o.retried ? { retried: o.retried } : {}),
    });
  }
}
