import { charRule } from "./char-rule.js";

export const controlChar = charRule({
  id: "control-char",
  cls: "control",
  severity: "error",
  betweenElements: "error",
  inXmlComments: true,
  description: "A control character other than TAB, LF and CR (e.g. U+0001, ESC, DEL, C1 controls)",
  why: "XML 1.0 forbids them ('An invalid XML character (Unicode: 0x1) was found'); in nginx and Redis they end up inside names and values.",
  fix: "Delete the character; it usually came from a terminal escape sequence or a bad copy.",
  example: '<Manager className="…"\u0001/>',
  fixable: false,
  effect: "is a control character that has no place in a config file",
});
