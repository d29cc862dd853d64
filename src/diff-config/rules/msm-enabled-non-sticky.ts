import { attr } from "../xml.js";
import { hasPlaceholder, knownManagers, msmStickyValue } from "./helpers.js";
import type { Rule } from "../types.js";

export const msmEnabledNonSticky: Rule = {
  meta: {
    id: "msm-enabled-non-sticky",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description: 'msm enabled="false" together with sticky="false"',
    why: "msm throws IllegalStateException('Disabling this session manager is not allowed in non-sticky mode').",
    fix: 'Remove enabled="false", or use sticky mode.',
    example: '<Manager … sticky="false" enabled="false"/>',
    fixable: false,
  },
  check(ctx) {
    for (const { el, cls } of knownManagers(ctx.file)) {
      const a = attr(el, "enabled");
      if (cls.flavor !== "msm" || !a || hasPlaceholder(a.value)) continue;
      // A ${…} sticky is unknown: only a known sticky="false" is an error.
      if (a.value.trim().toLowerCase() !== "false" || msmStickyValue(el) !== false) continue;
      ctx.report({
        offset: a.valueOffset,
        message: 'enabled="false" is not allowed in non-sticky mode: msm throws IllegalStateException.',
        fix: 'Remove enabled="false" (or set sticky="true").',
      });
    }
  },
};
