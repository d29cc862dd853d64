import { attr } from "../xml.js";
import { hasPlaceholder, knownManagers, msmStickyValue, value } from "./helpers.js";
import type { Rule } from "../types.js";

/** Node ids declared in memcachedNodes, or undefined if the list has no ids. */
function nodeIds(nodes: string): string[] | undefined {
  if (nodes.startsWith("redis") || nodes.startsWith("http") || hasPlaceholder(nodes)) return undefined;
  const ids = nodes
    .split(/\s+|,/)
    .filter(Boolean)
    .map((n) => n.split(":"));
  return ids.every((parts) => parts.length === 3) ? ids.map((p) => p[0] ?? "") : [];
}

export const msmFailoverNodes: Rule = {
  meta: {
    id: "msm-failover-nodes",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "msm failoverNodes naming unknown ids, used with one node, double separators, or in non-sticky mode",
    why: "msm throws IllegalArgumentException at start for unknown ids, a single node, an empty token ('n1, n2' splits into n1, '', n2) or all nodes being failover. In non-sticky mode msm removes failover nodes from the primaries, so the bak: backup copy has no next node and every backup fails ('Could not store secondary backup … No node found for key bak:…', msm issue #198).",
    fix: "List ids from memcachedNodes separated by one space or one comma; in sticky mode name the node co-located with this Tomcat; remove failoverNodes in non-sticky mode.",
    example: 'memcachedNodes="n1:host1:11211" failoverNodes="n1"',
    fixable: false,
  },
  check(ctx) {
    for (const { el, cls } of knownManagers(ctx.file)) {
      const a = attr(el, "failoverNodes");
      if (cls.flavor !== "msm" || !a || a.value.trim() === "" || hasPlaceholder(a.value)) continue;
      const report = (message: string) =>
        ctx.report({
          offset: a.valueOffset,
          message,
          fix: "Name ids from memcachedNodes, separated by one space or comma.",
        });
      const tokens = a.value.split(/ |,/);
      if (tokens.some((t) => t === "")) {
        report(
          `failoverNodes="${a.value}" has a double separator; msm splits on one space or comma and rejects the empty id.`,
        );
        continue;
      }
      const ids = nodeIds(value(el, "memcachedNodes") ?? "");
      if (ids && ids.length <= 1) {
        report(
          "failoverNodes with a single memcached node: msm throws 'For a single memcached node there should/must no failoverNodes be specified'.",
        );
        continue;
      }
      const unknown = ids ? tokens.find((t) => !ids.includes(t)) : undefined;
      if (unknown !== undefined) {
        report(
          `failover node id "${unknown}" is not in memcachedNodes (${ids?.join(", ")}); msm throws 'Invalid failover node id'.`,
        );
        continue;
      }
      if (ids && ids.every((id) => tokens.includes(id))) {
        report(
          "every node is a failover node; msm throws 'All nodes are also configured as failover nodes'.",
        );
        continue;
      }
      if (msmStickyValue(el) === false)
        ctx.report({
          offset: a.valueOffset,
          message: `failoverNodes="${a.value}" with sticky="false": msm takes ${tokens.length > 1 ? "these nodes" : "this node"} out of the primaries, so the bak: backup copy has no next node and every backup fails ("Could not store secondary backup … No node found for key bak:…", msm #198); a memcached restart then loses the sessions.`,
          fix: "Remove failoverNodes: in non-sticky mode msm keeps each session on one node and a bak: copy on the next one.",
        });
    }
  },
};
