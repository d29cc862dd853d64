/**
 * verify as a scenario of registered checks. Probing gathers observations once; each check is an
 * id, a title, where it applies, and a pure function from those observations to a verdict. A lab's
 * topology names its scenario; new scenarios (sticky failover, cluster membership) add steps and checks.
 */
import type { ScenarioName } from "../labs/lab-names.js";
import type { LabContainer } from "../runtime/runtime.js";
import {
  type CheckId,
  type CheckResult,
  checkBothNodes,
  checkCounter,
  checkOneSession,
  checkParallel,
  result,
} from "./checks.js";
import type { Observation, PageKind } from "./page.js";
import { type StoreObservation, evaluateInStore } from "./store-check.js";
import type { FailoverObservation, FailoverStep } from "./failover.js";
import { checkFailover, checkRejoin, checkSticky } from "./failover-checks.js";
import { type ClusterObservation, evaluateMembership, evaluateReplicated } from "./cluster-check.js";

/** Everything a verify run saw, the only input of the checks. */
export interface Observations {
  /** a lab's containers as read before probing; undefined with --url */
  containers?: Array<Pick<LabContainer, "name" | "state" | "status"> & { node: string; role: string }>;
  /** the Tomcats that should serve (a lab's), or undefined when unknown (--url) */
  expectedNodes?: string[];
  page: PageKind;
  sequential: Observation[];
  /** the first client stopped after this many failures in a row */
  stoppedAfterFailures?: number;
  parallel: Observation[][];
  store: StoreObservation;
  /** Tomcat's own cluster, each member asked directly */
  cluster: ClusterObservation;
  /** failover steps the scenario ran */
  failover?: Partial<Record<FailoverStep, FailoverObservation>>;
}

export interface CheckDefinition {
  id: CheckId;
  /** false: the check does not apply to this run (it is left out, not skipped) */
  appliesTo(o: Observations): boolean;
  evaluate(o: Observations): CheckResult;
}

/** Every registered check. */
export const CHECKS: Record<CheckId, CheckDefinition> = {
  containers: {
    id: "containers",
    appliesTo: (o) => o.containers !== undefined,
    evaluate(o) {
      const cs = o.containers!;
      const down = cs.filter((c) => c.state !== "running");
      if (!down.length)
        return result("containers", "pass", `all ${cs.length} containers of the lab are running`);
      return result(
        "containers",
        "fail",
        down.map((c) => `${c.node} (${c.name}) is ${c.state}`).join("; "),
        down.map((c) => `${c.name}: ${c.status}`),
      );
    },
  },
  "both-nodes": {
    id: "both-nodes",
    appliesTo: () => true,
    evaluate: (o) => checkBothNodes(o.sequential, o.expectedNodes),
  },
  "one-session": { id: "one-session", appliesTo: () => true, evaluate: (o) => checkOneSession(o.sequential) },
  counter: { id: "counter", appliesTo: () => true, evaluate: (o) => checkCounter(o.sequential, o.page) },
  "in-store": { id: "in-store", appliesTo: () => true, evaluate: (o) => evaluateInStore(o.store) },
  sticky: { id: "sticky", appliesTo: () => true, evaluate: (o) => checkSticky(o.sequential) },
  "tomcat-failover": {
    id: "tomcat-failover",
    appliesTo: (o) => o.containers !== undefined,
    evaluate: (o) =>
      checkFailover(
        o.failover?.member ??
          o.failover?.tomcat ?? { what: "tomcat", skipped: "not run", after: [], restarted: true },
      ),
  },
  replicated: { id: "replicated", appliesTo: () => true, evaluate: (o) => evaluateReplicated(o.cluster) },
  membership: { id: "membership", appliesTo: () => true, evaluate: (o) => evaluateMembership(o.cluster) },
  rejoin: {
    id: "rejoin",
    appliesTo: (o) => o.containers !== undefined,
    evaluate: (o) => checkRejoin(o.failover?.member),
  },
  "store-failover": {
    id: "store-failover",
    appliesTo: (o) => o.containers !== undefined,
    evaluate: (o) =>
      checkFailover(o.failover?.store ?? { what: "store", skipped: "not run", after: [], restarted: true }),
  },
  parallel: {
    id: "parallel",
    appliesTo: () => true,
    evaluate: (o) =>
      o.stoppedAfterFailures
        ? result(
            "parallel",
            "fail",
            `not run: the first client stopped after ${o.stoppedAfterFailures} failed requests in a row`,
          )
        : checkParallel(o.parallel),
  },
};

/**
 * The scenarios a lab's topology can name (`verify.scenario`): the checks, in order, and the failover
 * steps run after the first client's requests. The names are listed in labs/lab-names.ts for the schema.
 */
export const SCENARIOS: Record<ScenarioName, { checks: CheckId[]; steps: FailoverStep[] }> = {
  "round-robin": {
    checks: ["containers", "both-nodes", "one-session", "counter", "in-store", "parallel"],
    steps: [],
  },
  cluster: {
    checks: [
      "containers",
      "both-nodes",
      "one-session",
      "counter",
      "replicated",
      "membership",
      "tomcat-failover",
      "rejoin",
      "parallel",
    ],
    steps: ["member"],
  },
  "sticky-failover": {
    checks: [
      "containers",
      "sticky",
      "one-session",
      "counter",
      "in-store",
      "tomcat-failover",
      "store-failover",
      "parallel",
    ],
    steps: ["tomcat", "store"],
  },
};

export type { ScenarioName };

export function evaluateScenario(name: ScenarioName, o: Observations): CheckResult[] {
  return SCENARIOS[name].checks
    .map((id) => CHECKS[id])
    .filter((c) => c.appliesTo(o))
    .map((c) => c.evaluate(o));
}
