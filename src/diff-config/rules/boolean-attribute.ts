import { hasPlaceholder, knownManagers } from "./helpers.js";
import type { Rule } from "../types.js";

export const booleanAttribute: Rule = {
  meta: {
    id: "boolean-attribute",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description: "A boolean session-manager attribute whose value is neither true nor false",
    why: "Tomcat converts with Boolean.valueOf, which reads anything but 'true' (any case) as false, without a warning: sticky=\"yes\" means non-sticky.",
    fix: "Write true or false.",
    example: '<Manager … sticky="yes"/>',
    fixable: false,
  },
  check(ctx) {
    for (const { el, cls } of knownManagers(ctx.file)) {
      for (const a of el.attributes) {
        if (!cls.booleans.has(a.name)) continue;
        const v = a.value.trim();
        // Surrounding whitespace is value-whitespace's finding; here only the word itself counts.
        if (/^(true|false)$/i.test(v) || hasPlaceholder(v)) continue;
        ctx.report({
          offset: a.valueOffset,
          message: `${a.name}="${a.value}" is not a boolean; Boolean.valueOf reads it as false.`,
          fix: `Write ${a.name}="true" or ${a.name}="false".`,
        });
      }
    }
  },
};
