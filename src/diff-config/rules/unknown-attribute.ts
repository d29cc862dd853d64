import { nearest } from "../known-classes.js";
import { knownManagers } from "./helpers.js";
import type { Rule } from "../types.js";

/** README-only or misnamed attributes the reference calls out, with what to write instead. */
const ADVICE: Record<string, string> = {
  connectionType:
    'msm has no connectionType setter (it appears only in the javadoc); SASL needs memcachedProtocol="binary" with username/password.',
  connectionPoolTestOnBorrow:
    "Only MaxTotal, MaxIdle and MinIdle take the connectionPool prefix; write testOnBorrow.",
  connectionPoolTestOnReturn:
    "Only MaxTotal, MaxIdle and MinIdle take the connectionPool prefix; write testOnReturn.",
  connectionPoolTestWhileIdle:
    "Only MaxTotal, MaxIdle and MinIdle take the connectionPool prefix; write testWhileIdle.",
};

export const unknownAttribute: Rule = {
  meta: {
    id: "unknown-attribute",
    severity: "warning",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "A session-manager attribute the class has no setter for (typo, wrong case, README-only option)",
    why: "Tomcat only logs 'Match [Context/Manager] failed to set property [X]' and carries on, so the setting is silently ignored; setters are case-sensitive.",
    fix: "Use the attribute name the manager documents (the nearest one is suggested).",
    example: '<Manager className="…MemcachedBackupSessionManager" memcachednodes="…"/>',
    fixable: false,
  },
  check(ctx) {
    // classname="…" (wrong case) leaves className unset: Tomcat silently uses its default class instead.
    for (const el of ctx.file.xml?.elements ?? []) {
      const wrong = el.attributes.find((a) => a.name !== "className" && a.name.toLowerCase() === "classname");
      if (!wrong || el.attributes.some((a) => a.name === "className")) continue;
      ctx.report({
        offset: wrong.nameOffset,
        severity: "error",
        message: `<${el.name} ${wrong.name}="…">: the attribute is className (case-sensitive); Tomcat ignores ${wrong.name} and ${el.name === "Manager" ? "silently uses StandardManager, so no session is shared" : "uses its default class"}.`,
        fix: `Write className="${wrong.value.trim()}".`,
      });
    }
    for (const { el, cls } of knownManagers(ctx.file)) {
      for (const a of el.attributes) {
        if (cls.attributes.has(a.name)) continue;
        const guess = nearest(a.name, cls.attributes, 3);
        const caseOnly = guess !== undefined && guess.toLowerCase() === a.name.toLowerCase();
        const advice = ADVICE[a.name];
        ctx.report({
          offset: a.nameOffset,
          severity: caseOnly ? "error" : "warning",
          message: `${el.name} attribute "${a.name}" has no setter in this manager; Tomcat ignores it with a WARN${caseOnly ? " (setters are case-sensitive)" : ""}.`,
          fix: advice ?? (guess ? `Write ${guess}.` : "Remove it, or check the manager's documentation."),
        });
      }
    }
  },
};
