import { charRule } from "./char-rule.js";

export const zeroWidth = charRule({
  id: "zero-width",
  cls: "zero-width",
  severity: "error",
  betweenElements: "warning",
  description:
    "An invisible zero-width character (U+200B–U+200D, U+2060, U+FEFF, soft hyphen) inside the text",
  why: 'It is invisible in every editor but part of the name or value: className="de.javakaffee\u200b…" is a class that does not exist, \u200bsticky is an attribute Tomcat ignores.',
  fix: "Delete it (--fix does); retyping the line by hand also works.",
  example: 'memcachedNodes="n1:memcached:11211\u200b" copied from a chat message',
  fixable: true,
  effect: "is invisible but changes the name or value it sits in",
});
