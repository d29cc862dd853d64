import { charRule } from "./char-rule.js";

export const unicodeDash = charRule({
  id: "unicode-dash",
  cls: "unicode-dash",
  severity: "error",
  description: "An en dash, em dash or other Unicode dash where an ASCII hyphen-minus belongs",
  why: "Smart typography turns - and -- into – and —; the value then names something else (bind 127.0.0.1 –::1 is a host called '–::1', X–Forwarded–For is a different header).",
  fix: "Retype it as '-' (not fixed automatically: the intended number of hyphens is ambiguous).",
  example: "bind 127.0.0.1 –::1 (yum –y style en dash)",
  fixable: false,
  effect: "where an ASCII hyphen-minus '-' belongs",
});
