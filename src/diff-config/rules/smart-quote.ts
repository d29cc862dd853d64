import { charRule } from "./char-rule.js";

export const smartQuote = charRule({
  id: "smart-quote",
  cls: "smart-quote",
  severity: "error",
  description: "A typographic quote (“ ” ‘ ’) where an ASCII quote belongs",
  why: "Blogs and word processors turn \" into “ ”; XML then reports 'Open quote is expected', nginx and Redis keep the curly quotes as part of the value.",
  fix: "Replace it with \" or ' (--fix does).",
  example: "sticky=“false” pasted from a blog post",
  fixable: true,
  effect: "where an ASCII quote belongs",
});
