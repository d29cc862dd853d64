import { KNOWN_CLASS_NAMES, nearest } from "../known-classes.js";
import type { Rule } from "../types.js";

export const className: Rule = {
  meta: {
    id: "class-name",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "A className (or transcoderFactoryClass) that is a near miss of a known session-manager, valve or Tomcat class",
    why: "Tomcat fails with ClassNotFoundException and the context does not start; one missing letter is enough.",
    fix: "Use the exact class name suggested.",
    example: 'className="de.javakaffee.web.msm.MemcachedBackupSessionManger"',
    fixable: false,
  },
  check(ctx) {
    for (const el of ctx.file.xml?.elements ?? []) {
      for (const a of el.attributes) {
        if (a.name !== "className" && !a.name.endsWith("Class")) continue;
        const value = a.value.trim();
        if (!value || KNOWN_CLASS_NAMES.includes(value)) continue;
        const guess = nearest(value, KNOWN_CLASS_NAMES, 3);
        if (!guess) continue;
        ctx.report({
          offset: a.valueOffset,
          message: `Unknown class "${value}"; did you mean "${guess}"? Tomcat will fail with ClassNotFoundException.`,
          fix: `Write ${a.name}="${guess}".`,
        });
      }
    }
  },
};
