import type { Agent } from "undici";
import { SessionlabError } from "../core/errors.js";
import { containerSummary, resolveLab, tomcatNames } from "../orchestrator/discover.js";
import { connectRuntime } from "../runtime/connect.js";
import type { CheckResult } from "./checks.js";
import { ProbeClient } from "./client.js";
import type { Observation, PageKind } from "./page.js";
import { type FailoverContext, failover as runFailover } from "./failover.js";
import { type Observations, SCENARIOS, type ScenarioName, evaluateScenario } from "./scenario.js";
import { type StoreTarget, labDefinitionOf, observeStore } from "./store-check.js";
import { type ClusterObservation, observeCluster } from "./cluster-check.js";
import { parseSessionId } from "./session-id.js";

export interface VerifyOptions {
  url?: string;
  lab?: string;
  store?: string;
  requests: number;
  clients: number;
  requestsPerClient: number;
  signal?: AbortSignal;
}

export interface VerifyReport {
  ok: boolean;
  target: { url: string; lab?: string; page: PageKind; scenario: ScenarioName };
  checks: CheckResult[];
  requests: Observation[];
  seconds: number;
}

export const PROBE_PATH = "/probe.jsp";
const MAX_FAILURES_IN_A_ROW = 3;

interface Target {
  url: string;
  labName?: string;
  scenario: ScenarioName;
  store: StoreTarget;
  failover?: Omit<FailoverContext, "client" | "signal">;
  containers?: Observations["containers"];
  expectedNodes?: string[];
}

/** The lab (read from the engine before probing, so a stopped container is named) or the --url. */
async function resolveTarget(opts: VerifyOptions): Promise<Target> {
  if (opts.store && !opts.url) {
    throw new SessionlabError(
      "--store goes with --url: in a lab, verify reads the lab's own store",
      "drop --store, or add --url for the deployment whose store it is",
    );
  }
  if (opts.url) {
    return {
      url: normaliseUrl(opts.url),
      scenario: "round-robin",
      store: opts.store
        ? { via: "url", url: opts.store }
        : {
            via: "none",
            reason:
              "not checked: with --url, name the store with --store memcached://host:port or redis://:password@host:port",
          },
    };
  }
  const runtime = await connectRuntime();
  const lab = await resolveLab(runtime, opts.lab);
  const def = await labDefinitionOf(lab);
  return {
    url: `${lab.url}${PROBE_PATH}`,
    labName: lab.instance,
    scenario: def?.verify.scenario ?? "round-robin",
    store: { via: "container", runtime, lab },
    failover: { runtime, lab },
    containers: lab.containers.map((c) => ({ ...containerSummary(c), state: c.state, status: c.status })),
    expectedNodes: tomcatNames(lab),
  };
}

export async function verify(opts: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const t = await resolveTarget(opts);
  const { Agent } = await import("undici");
  const agent: Agent = new Agent({ keepAliveTimeout: 1000, connections: opts.clients + 1 });
  try {
    const main = new ProbeClient(t.url, agent);
    const first = await main.get();
    if (first.status === 0) {
      throw new SessionlabError(
        `could not reach ${t.url}: ${first.error}`,
        t.labName
          ? `check the lab with \`sessionlab status\` and \`sessionlab logs nginx\``
          : "check the URL and that the server is up",
      );
    }
    // A broken store can make each request wait out the manager's timeouts; three failures in a
    // row are evidence enough, so stop there rather than keep the user waiting for all of them.
    let failedInARow = first.error ? 1 : 0;
    for (let i = 1; i < opts.requests && failedInARow < MAX_FAILURES_IN_A_ROW; i++) {
      opts.signal?.throwIfAborted();
      failedInARow = (await main.get()).error ? failedInARow + 1 : 0;
    }
    if (main.pageKind === "unknown" && main.observations.some((o) => o.status === 200)) {
      throw new SessionlabError(
        `${t.url} answers with a page that shows neither sessionlab's probe JSON nor a "SessionID:" line`,
        "point --url at the probe page or the classic index.jsp that prints SessionID: and <h1>node page</h1>",
      );
    }
    // The first client's requests so far are the sequence the session checks judge.
    const obs = [...main.observations];
    // When the first client is failing, parallel clients would only repeat the failure, slowly.
    const allFailed = failedInARow >= MAX_FAILURES_IN_A_ROW || obs.every((o) => o.error);
    const lastId = [...obs].reverse().find((o) => o.sessionId)?.sessionId;
    const store = await observeStore(t.store, lastId);
    const cluster = await observeCluster(
      t.failover?.runtime,
      t.failover?.lab,
      lastId && parseSessionId(lastId).base,
    );
    // Failover steps (stop the node holding the session, keep going, start it again) come after the
    // first client's run and before the parallel clients, so those find the lab whole again.
    const failover: Observations["failover"] = {};
    // Only on a whole lab: stopping a node while another is down could take the last one away.
    const whole = t.containers?.every((c) => c.state === "running") ?? false;
    if (!allFailed && whole && t.failover) {
      // The members' views just read still hold for the first step; after it they are stale.
      let known: ClusterObservation | undefined = cluster;
      for (const what of SCENARIOS[t.scenario].steps) {
        opts.signal?.throwIfAborted();
        const step = await runFailover(
          { ...t.failover, client: main, signal: opts.signal, cluster: known },
          what,
        );
        known = undefined;
        failover[what] = step;
        if (!step.restarted) break; // the lab is not whole: stop here, the check says how to mend it
      }
    }
    const parallel = Array.from(
      { length: allFailed ? 0 : opts.clients },
      () => new ProbeClient(t.url, agent),
    );
    await Promise.all(
      parallel.map(async (c) => {
        for (let i = 0; i < opts.requestsPerClient; i++) await c.get();
      }),
    );
    const observations: Observations = {
      containers: t.containers,
      expectedNodes: t.expectedNodes,
      page: t.labName ? "probe" : main.pageKind,
      sequential: obs,
      stoppedAfterFailures: allFailed ? failedInARow : undefined,
      parallel: parallel.map((c) => c.observations),
      store,
      cluster,
      failover,
    };
    const checks = evaluateScenario(t.scenario, observations);
    return {
      ok: checks.every((c) => c.status !== "fail"),
      target: { url: t.url, lab: t.labName, page: observations.page, scenario: t.scenario },
      checks,
      requests: obs,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await agent.close();
  }
}

function normaliseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new SessionlabError(`--url ${raw} is not a URL`, "give a full URL, e.g. http://127.0.0.1:8080/");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new SessionlabError(
      `--url must be http or https, not ${u.protocol}`,
      "e.g. http://127.0.0.1:8080/",
    );
  }
  return u.toString();
}
