import { attr } from "../xml.js";
import { hasPlaceholder, knownManagers } from "./helpers.js";
import type { Rule } from "../types.js";

const POLICIES = ["DEFAULT", "SAVE_ON_CHANGE", "ALWAYS_SAVE_AFTER_REQUEST"];

export const redisPersistPolicies: Rule = {
  meta: {
    id: "redis-persist-policies",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description: "Classic Redis manager sessionPersistPolicies with spaces or unknown policy names",
    why: "The list is split on ',' without trimming: 'SAVE_ON_CHANGE, ALWAYS_SAVE_AFTER_REQUEST' throws IllegalArgumentException('Invalid session persist policy [ ALWAYS…]') and the context does not start.",
    fix: 'Write sessionPersistPolicies="SAVE_ON_CHANGE,ALWAYS_SAVE_AFTER_REQUEST" with no spaces.',
    example: 'sessionPersistPolicies="SAVE_ON_CHANGE, ALWAYS_SAVE_AFTER_REQUEST"',
    fixable: false,
  },
  check(ctx) {
    for (const { el, cls } of knownManagers(ctx.file)) {
      const a = attr(el, "sessionPersistPolicies");
      if (cls.flavor !== "jcoleman" || !a || hasPlaceholder(a.value)) continue;
      const bad = a.value.split(",").find((p) => !POLICIES.includes(p.toUpperCase()));
      if (bad === undefined) continue;
      const spaced = bad.trim() !== bad && POLICIES.includes(bad.trim().toUpperCase());
      ctx.report({
        offset: a.valueOffset + a.value.indexOf(bad),
        message: spaced
          ? `"${bad}" has a space: the list is split on ',' without trimming, so the manager throws 'Invalid session persist policy'.`
          : `"${bad}" is not a persist policy (${POLICIES.join(", ")}).`,
        fix: spaced
          ? `Write sessionPersistPolicies="${a.value
              .split(",")
              .map((p) => p.trim())
              .join(",")}".`
          : `Use only ${POLICIES.join(", ")}, joined by ',' without spaces.`,
      });
    }
  },
};
