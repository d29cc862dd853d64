import { charRule } from "./char-rule.js";

export const unicodeSpace = charRule({
  id: "unicode-space",
  cls: "unicode-space",
  severity: "error",
  betweenElements: "warning",
  description:
    "A non-ASCII space (U+00A0 no-break, U+2000–U+200A, U+202F, U+3000 ideographic) where a space belongs",
  why: "XML, nginx and Redis only treat SPACE, TAB, CR and LF as whitespace: inside a tag Xerces stops with 'must be followed by either attribute specifications', nginx reports an unknown directive, Redis a bad directive.",
  fix: "Replace it with an ordinary space (--fix does).",
  example: '<Manager\u00a0className="…"> pasted from a web page\'s &nbsp;',
  fixable: true,
  effect: "where an ASCII space belongs; parsers do not treat it as whitespace",
});
