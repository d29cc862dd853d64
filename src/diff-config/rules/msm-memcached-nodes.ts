import { attr } from "../xml.js";
import { hasPlaceholder, knownManagers } from "./helpers.js";
import type { Rule } from "../types.js";

// The exact patterns of msm 2.3.2's MemcachedNodesManager.
const NODE = String.raw`[\w]+:[^:]+:[\d]+`;
const NODE_LIST = new RegExp(String.raw`^${NODE}(?:(?:\s+|,)${NODE})*$`);
const SINGLE_NO_ID = /^[^:]+:\d+$/;
const COUCHBASE = /^http:\/\/[^\s,]+(?:(?:\s+|,)http:\/\/[^\s,]+)*$/;

const BARE_LIST =
  "several host:port nodes without ids: msm mis-parses this as one node; write n1:host1:11211 n2:host2:11211";

/** Why a node list fails, in the user's terms; undefined when msm accepts it. */
export function nodeListProblem(v: string): string | undefined {
  if (v.startsWith("redis://") || v.startsWith("rediss://")) {
    const userInfo = /^rediss?:\/\/([^@/]*)@/.exec(v)?.[1];
    if (userInfo !== undefined && !userInfo.includes(":")) {
      return `Jedis reads the password after a colon: write redis://:${userInfo}@… (redis://secret@host fails to authenticate)`;
    }
    return undefined;
  }
  if (v.trim() === "")
    return "memcachedNodes is empty; msm throws 'null or empty memcachedNodes not allowed'";
  if (v !== v.trim()) return "leading or trailing whitespace is rejected (msm matches the whole string)";
  if (NODE_LIST.test(v)) {
    // "host1:11211 host2:11211" matches too, as one node whose host is "11211 host2".
    if (/^[^:\s,]+:\d+[\s,]+[^:\s,]+:\d+/.test(v)) return BARE_LIST;
    return undefined;
  }
  if (SINGLE_NO_ID.test(v) || COUCHBASE.test(v)) return undefined;
  if (/,\s+|\s+,/.test(v))
    return "a comma followed by a space is rejected: separate nodes by one comma or by whitespace, not both";
  const badId = /(?:^|[\s,])([^\s,:]*[^\w\s,:][^\s,:]*):[^:\s,]+:\d+/.exec(v)?.[1];
  if (badId) return `node id "${badId}" may only contain letters, digits and '_'`;
  // Without a plain-word first id the list cannot match at all (the old javadoc's n1.host:port form).
  if (/^[^:\s,]+:\d+(?:[\s,]+[^:\s,]+:\d+)+$/.test(v)) {
    return "several host:port nodes without ids (or the old dotted n1.host:port form) are rejected; write n1:host1:11211 n2:host2:11211";
  }
  return "it does not match <id>:<host>:<port> separated by whitespace or one comma";
}

export const msmMemcachedNodes: Rule = {
  meta: {
    id: "msm-memcached-nodes",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description: "msm memcachedNodes missing or not in the n1:host:port format msm accepts",
    why: "msm throws IllegalArgumentException('Configured memcachedNodes attribute has wrong format') when the context starts; several ids-less nodes are silently mis-parsed as one.",
    fix: 'Write memcachedNodes="n1:host1:11211 n2:host2:11211" (or n1:host1:11211,n2:host2:11211).',
    example: 'memcachedNodes="n1:host1:11211, n2:host2:11211"',
    fixable: false,
  },
  check(ctx) {
    for (const { el, cls } of knownManagers(ctx.file)) {
      if (cls.flavor !== "msm") continue;
      const a = attr(el, "memcachedNodes");
      if (!a) {
        ctx.report({
          offset: el.offset,
          message: "msm Manager without memcachedNodes: the context fails to start.",
          fix: 'Add memcachedNodes="n1:memcached:11211".',
        });
        continue;
      }
      if (hasPlaceholder(a.value)) continue;
      const problem = nodeListProblem(a.value);
      if (problem)
        ctx.report({
          offset: a.valueOffset,
          message: `memcachedNodes="${a.value}": ${problem}.`,
          fix: a.value.startsWith("redis")
            ? 'Write memcachedNodes="redis://:<password>@host:6379" (a colon before the password).'
            : 'Write memcachedNodes="n1:host1:11211 n2:host2:11211" (ids of letters, digits, _).',
        });
    }
  },
};
