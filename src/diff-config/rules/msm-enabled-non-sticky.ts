import { attr } from "../xml.js";
import { knownManagers, msmSticky } from "./helpers.js";
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
      if (cls.flavor !== "msm" || !a || a.value.trim().toLowerCase() !== "false" || msmSticky(el)) continue;
      ctx.report({
        offset: a.valueOffset,
        message: 'enabled="false" is not allowed in non-sticky mode: msm throws IllegalStateException.',
        fix: 'Remove enabled="false" (or set sticky="true").',
      });
    }
  },
};
