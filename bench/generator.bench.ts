/**
 * Is `sessionlab bench`'s load generator the bottleneck? Its req/s on the lab's page without a session
 * against wrk's (Debian's package) on the same page, same connections and duration, as a ratio.
 * Needs a running lab on `url`; skipped, saying so, when wrk is not installed.
 */
import { execa } from "execa";
import { Agent } from "undici";
import { runPhase, statsOf } from "../src/bench/load.js";

export async function benchGenerator(
  url: string,
): Promise<Array<{ name: string; ms: number; note?: string }>> {
  const page = `${url}/nosession.jsp`;
  const connections = 16;
  const seconds = 5;
  const agent = new Agent({ keepAliveTimeout: 4000, connections: connections + 2 });
  try {
    await runPhase(page, { agent, users: connections, ms: 1000 });
    const ours = statsOf([await runPhase(page, { agent, users: connections, ms: seconds * 1000 })]).rps;
    const wrk = await execa("wrk", ["-t", "2", "-c", String(connections), "-d", `${seconds}s`, page], {
      reject: false,
    });
    const theirs = Number(/Requests\/sec:\s+([\d.]+)/.exec(wrk.stdout)?.[1] ?? NaN);
    if (wrk.failed || !Number.isFinite(theirs))
      return [
        { name: `generator: sessionlab bench ${ours} req/s; wrk not available (apt-get install wrk)`, ms: 0 },
      ];
    return [
      {
        name: `generator: sessionlab bench ${ours} req/s vs wrk ${Math.round(theirs)} req/s on nosession.jsp`,
        ms: 0,
        note: `ratio ${(ours / theirs).toFixed(2)} (target ≥ 0.8)`,
      },
    ];
  } finally {
    await agent.close();
  }
}
