import { type BreakScenario, LIVE_MANAGER, everyContextXml, replaceOnce } from "../scenario.js";

/** memcachedNodes="n1:h1:11211 n2:h2:11211" → "n1:h1:11211, n2:h2:11211", as lists are written in prose. */
export function commaSpaceNodes(text: string): string {
  return replaceOnce(
    text,
    LIVE_MANAGER,
    (m) =>
      replaceOnce(
        m[0],
        /memcachedNodes="([^"]*\s[^"]*)"/,
        (n) => `memcachedNodes="${n[1]!.trim().split(/\s+/).join(", ")}"`,
        "memcachedNodes with several nodes",
      ),
    "<Manager className=…> element",
  );
}

export const nodesCommaSpace: BreakScenario = {
  name: "nodes-comma-space",
  summary: 'memcachedNodes with ", " between the nodes',
  appliesTo: "labs running memcached-session-manager with two or more memcached nodes",
  notApplicable: (f) =>
    f.flavor !== "msm"
      ? "this lab does not run memcached-session-manager"
      : f.stores.length < 2
        ? "this lab has a single store node: memcachedNodes lists one node"
        : undefined,
  edits: 'every Tomcat\'s conf/context.xml: the nodes of memcachedNodes separated by ", "',
  symptom: "msm rejects the node list when the manager starts: the webapp is not served",
  expect: "verify-fails",
  rule: "msm-memcached-nodes",
  plan: (f) => ({ files: everyContextXml(f, commaSpaceNodes), exec: [], restart: f.tomcats }),
};
