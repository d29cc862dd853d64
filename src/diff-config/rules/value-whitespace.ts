import { managerClass } from "../known-classes.js";
import { attr } from "../xml.js";
import type { Rule } from "../types.js";

// Spaces, visible or not as spaces; zero-width characters are zero-width's finding.
const WS = /^[ \t\r\n\u00a0\u2000-\u200a\u202f\u3000]+|[ \t\r\n\u00a0\u2000-\u200a\u202f\u3000]+$/g;

export const valueWhitespace: Rule = {
  meta: {
    id: "value-whitespace",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "characters",
    description: "Leading or trailing whitespace inside an XML attribute value",
    why: 'Tomcat passes values to setters untrimmed: Boolean.valueOf("true ") is false, so sticky="true " silently means non-sticky; a className with a trailing space is a ClassNotFoundException; msm rejects memcachedNodes with surrounding spaces.',
    fix: "Remove the spaces inside the quotes (--fix does).",
    example: '<Manager sticky="true " …/>',
    fixable: true,
  },
  check(ctx) {
    for (const el of ctx.file.xml?.elements ?? []) {
      for (const a of el.attributes) {
        const trimmed = a.value.replace(WS, "");
        if (trimmed === a.value || trimmed === "") continue;
        const lead = a.value.length - a.value.trimStart().length;
        const offset = lead > 0 ? a.valueOffset : a.valueOffset + a.value.trimEnd().length;
        const bool = /^(true|false)$/i.test(trimmed);
        // Names, classes, numbers, booleans and every session-manager setting break; free text (a log pattern) may not.
        const strict =
          bool ||
          /^-?\d+$/.test(trimmed) ||
          a.name === "className" ||
          a.name.endsWith("Class") ||
          a.name === "jvmRoute" ||
          managerClass(attr(el, "className")?.value)?.attributes.has(a.name) === true;
        ctx.report({
          offset,
          severity: strict ? "error" : "warning",
          message: `${a.name}="${a.value}" has ${lead > 0 ? "leading" : "trailing"} whitespace${boolNote(trimmed, bool)}.`,
          fix: `Write ${a.name}="${trimmed}".`,
          edit: { offset: a.valueOffset, length: a.value.length, text: trimmed },
        });
      }
    }
  },
};

/** Boolean.valueOf is false for anything but "true" (any case): only a spaced "true" flips meaning. */
function boolNote(trimmed: string, bool: boolean): string {
  if (!bool) return "; the setter receives it untrimmed";
  return /^true$/i.test(trimmed)
    ? "; Boolean.valueOf reads it as false, not true"
    : "; Boolean.valueOf reads it as false only by luck: the same slip in a true value flips it";
}
