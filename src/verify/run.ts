import { Agent } from "undici";
import { SessionlabError } from "../core/errors.js";
import { resolveLab, nodeOf, roleOf } from "../orchestrator/discover.js";
import { DockerRuntime } from "../runtime/docker.js";
import {
  type CheckResult,
  checkBothNodes,
  checkCounter,
  checkOneSession,
  checkParallel,
  result,
} from "./checks.js";
import { ProbeClient } from "./client.js";
import type { Observation, PageKind } from "./page.js";
import { type StoreTarget, checkInStore } from "./store-check.js";

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
  target: { url: string; lab?: string; page: PageKind };
  checks: CheckResult[];
  requests: Observation[];
  seconds: number;
}

export const PROBE_PATH = "/probe.jsp";
const MAX_FAILURES_IN_A_ROW = 3;

export async function verify(opts: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  let url: string;
  let expectedNodes: string[] | undefined;
  let store: StoreTarget;
  let labName: string | undefined;
  if (opts.store && !opts.url) {
    throw new SessionlabError(
      "--store goes with --url: in a lab, verify reads the lab's own store",
      "drop --store, or add --url for the deployment whose store it is",
    );
  }
  if (opts.url) {
    url = normaliseUrl(opts.url);
    store = opts.store
      ? { via: "url", url: opts.store }
      : {
          via: "none",
          reason:
            "not checked: with --url, name the store with --store memcached://host:port or redis://:password@host:port",
        };
  } else {
    const runtime = await DockerRuntime.connect();
    const lab = await resolveLab(runtime, opts.lab);
    labName = lab.instance;
    url = `${lab.url}${PROBE_PATH}`;
    expectedNodes = lab.containers.filter((c) => roleOf(c) === "tomcat").map(nodeOf);
    store = { via: "container", runtime, lab };
  }

  const agent = new Agent({ keepAliveTimeout: 1000, connections: opts.clients + 1 });
  try {
    const main = new ProbeClient(url, agent);
    const first = await main.get();
    if (first.status === 0) {
      throw new SessionlabError(
        `could not reach ${url}: ${first.error}`,
        labName
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
        `${url} answers with a page that shows neither sessionlab's probe JSON nor a "SessionID:" line`,
        "point --url at the probe page or the classic index.jsp that prints SessionID: and <h1>node page</h1>",
      );
    }
    const obs = main.observations;
    // When the first client is failing, parallel clients would only repeat the failure, slowly.
    const allFailed = failedInARow >= MAX_FAILURES_IN_A_ROW || obs.every((o) => o.error);
    const parallel = Array.from({ length: allFailed ? 0 : opts.clients }, () => new ProbeClient(url, agent));
    await Promise.all(
      parallel.map(async (c) => {
        for (let i = 0; i < opts.requestsPerClient; i++) await c.get();
      }),
    );
    const sessionId = [...obs].reverse().find((o) => o.sessionId)?.sessionId;
    const checks = [
      checkBothNodes(obs, expectedNodes),
      checkOneSession(obs),
      checkCounter(obs, labName ? "probe" : main.pageKind),
      await checkInStore(store, sessionId),
      allFailed
        ? result(
            "parallel",
            "fail",
            `not run: the first client stopped after ${failedInARow} failed requests in a row`,
          )
        : checkParallel(parallel.map((c) => c.observations)),
    ];
    return {
      ok: checks.every((c) => c.status !== "fail"),
      target: { url, lab: labName, page: labName ? "probe" : main.pageKind },
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
