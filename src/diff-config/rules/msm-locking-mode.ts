import { attr } from "../xml.js";
import { hasPlaceholder, knownManagers, msmStickyValue } from "./helpers.js";
import type { Rule } from "../types.js";

export const msmLockingMode: Rule = {
  meta: {
    id: "msm-locking-mode",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "msm lockingMode that is not none|all|auto|uriPattern:<regex>, or set in sticky mode where it is ignored",
    why: "An unknown value throws IllegalArgumentException when the manager starts ('app' throws 'not yet supported'); in sticky mode msm silently ignores lockingMode.",
    fix: 'Use none, all, auto or uriPattern:<regex>, together with sticky="false".',
    example: '<Manager … sticky="false" lockingMode="automatic"/>',
    fixable: false,
  },
  check(ctx) {
    for (const { el, cls } of knownManagers(ctx.file)) {
      const a = attr(el, "lockingMode");
      if (cls.flavor !== "msm" || !a || hasPlaceholder(a.value)) continue;
      const v = a.value.trim();
      if (!/^(none|all|auto)$/i.test(v) && !/^uriPattern:/i.test(v)) {
        ctx.report({
          offset: a.valueOffset,
          message: `lockingMode="${a.value}" is not one of none, all, auto, uriPattern:<regex>; msm throws at start.`,
          fix: 'Write lockingMode="auto" (or none, all, uriPattern:<regex>).',
        });
      } else if (msmStickyValue(el) === true) {
        ctx.report({
          offset: a.valueOffset,
          severity: "warning",
          message: "lockingMode is ignored in sticky mode (sticky defaults to true).",
          fix: 'Set sticky="false" if you want non-sticky locking, or remove lockingMode.',
        });
      }
    }
  },
};
