/**
 * Tomcat's own cluster (labs/cluster), on the real engine: how long the cluster takes to form, how
 * long a member that rejoins takes to receive the state of 1,000 sessions, and how many requests fail
 * while verify kills a BackupManager primary. Traffic goes to 127.0.0.1 and the lab's own containers.
 */
import { execa } from "execa";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import { askMember, stateTransferMs } from "../src/kinds/cluster-page.js";
import { connectRuntime } from "../src/runtime/connect.js";
import { pollUntil } from "../src/runtime/wait.js";

const CLI = fileURLToPath(new URL("../bin/sessionlab.js", import.meta.url));
const PORT = "18181";
const SESSIONS = Number(process.env.BENCH_CLUSTER_SESSIONS ?? 1000);

export interface ClusterRow {
  name: string;
  ms: number;
  note?: string;
}

async function cli(args: string[], cwd: string): Promise<string> {
  const r = await execa("node", [CLI, ...args], { env: { NO_COLOR: "1" }, cwd, reject: false });
  if (r.exitCode !== 0 && !args.includes("verify"))
    throw new Error(`sessionlab ${args.join(" ")} exited ${r.exitCode}\n${r.stderr}`);
  return r.stdout;
}

/** `waiting for …` step of up: from the containers' start until every member saw the others. */
function waitSeconds(stderr: string): number | undefined {
  const m = /✔ waiting for .* ([\d.]+)s$/m.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

export async function benchCluster(): Promise<ClusterRow[]> {
  const rows: ClusterRow[] = [];
  const runtime = await connectRuntime();
  const cwd = await mkdtemp(join(tmpdir(), "sessionlab-bench-cluster-"));
  try {
    await cli(["down", "--all"], cwd);
    for (const membership of ["static", "multicast", "dns"]) {
      const up = await execa(
        "node",
        [CLI, "up", "cluster", "--membership", membership, "--tomcats", "3", "--port", PORT],
        { env: { NO_COLOR: "1" }, cwd, reject: false },
      );
      if (up.exitCode !== 0) throw new Error(`up cluster --membership ${membership}: ${up.stderr}`);
      const s = waitSeconds(up.stderr);
      rows.push({
        name: `cluster (delta, ${membership}, 3 Tomcats): formed, every member sees the others`,
        ms: (s ?? NaN) * 1000,
      });
      await cli(["down"], cwd);
    }

    // 1,000 sessions on the DeltaManager cluster, then tomcat1 restarts and receives them all.
    await cli(["up", "cluster", "--port", PORT], cwd);
    const agent = new Agent({ connections: 20 });
    const url = `http://127.0.0.1:${PORT}/probe.jsp`;
    let made = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (made < SESSIONS) {
          made++;
          const r = await request(url, { dispatcher: agent });
          await r.body.dump();
        }
      }),
    );
    await agent.close();
    const tomcat1 = "sessionlab-cluster-tomcat1";
    const before = (await askMember(runtime, tomcat1)).sessions;
    await runtime.stopContainer(tomcat1, { timeoutSeconds: 5 });
    const started = performance.now();
    await runtime.startContainer(tomcat1);
    let held = 0;
    // Until it holds them all (a Tomcat still starting does not answer: not yet), at most 2 minutes.
    await pollUntil(
      async () => {
        held = (await askMember(runtime, tomcat1)).sessions;
        return held >= before ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 100, onTimeout: () => new Error("not all sessions") },
    ).catch(() => undefined);
    const ms = performance.now() - started;
    const transfer = stateTransferMs(await runtime.logTail(tomcat1, 300));
    rows.push({
      name: `cluster (delta, static): restarted member holds ${held} of ${before} sessions`,
      ms,
      note: `from the start command; state transfer ${transfer ?? "?"} ms in DeltaManager's log`,
    });
    await cli(["down"], cwd);

    // BackupManager: verify kills the session's primary; how many of its requests failed meanwhile.
    await cli(["up", "cluster", "--manager", "backup", "--port", PORT], cwd);
    for (let i = 1; i <= 3; i++) {
      const v = JSON.parse(await cli(["verify", "--json"], cwd)) as {
        result?: { checks: Array<{ id: string; status: string; summary: string }> };
      };
      const f = v.result?.checks.find((c) => c.id === "tomcat-failover");
      const failed = /(\d+) of (\d+) requests failed/.exec(f?.summary ?? "");
      const recover = /served again after ([\d.]+) s/.exec(f?.summary ?? "");
      rows.push({
        name: `cluster (backup, static): primary killed, run ${i}: requests failed`,
        ms: recover ? Number(recover[1]) * 1000 : NaN,
        note: `${failed ? `${failed[1]} of ${failed[2]} failed` : f?.summary}; ${f?.status}`,
      });
    }
  } finally {
    await execa("node", [CLI, "down", "--all"], { reject: false });
    await rm(cwd, { recursive: true, force: true });
  }
  return rows;
}
