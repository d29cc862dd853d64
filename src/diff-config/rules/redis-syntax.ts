import { REDIS_DIRECTIVES } from "../redis-directives.js";
import { nearest } from "../known-classes.js";
import { visible } from "../characters.js";
import type { Rule } from "../types.js";

export const redisSyntax: Rule = {
  meta: {
    id: "redis-syntax",
    severity: "error",
    kinds: ["redis"],
    layer: "syntax",
    description: "Redis would refuse the line: bad directive or unbalanced quotes",
    why: "redis-server exits at start with '*** FATAL CONFIG FILE ERROR ***', 'Reading the configuration file, at line N' and 'Bad directive or wrong number of arguments'.",
    fix: "Correct the directive name or the quoting on that line.",
    example: 'protected–mode yes (en dash), or requirepass "secret (unbalanced quote)',
    fixable: false,
  },
  check(ctx) {
    const conf = ctx.file.redis;
    if (!conf) return;
    for (const e of conf.errors)
      ctx.report({
        offset: e.offset,
        message: `Redis: ${e.message}.`,
        fix: "Close the quote, and put a space after it.",
      });
    for (const d of conf.directives) {
      if (REDIS_DIRECTIVES.has(d.name)) continue;
      const guess = nearest(d.name, REDIS_DIRECTIVES, 2);
      const hidden = /[^\x21-\x7e]/.test(d.name);
      // Unknown plain-ASCII names may belong to a newer Redis; typos and pasted characters are fatal anywhere.
      ctx.report({
        offset: d.offset,
        severity: hidden || guess ? "error" : "warning",
        message: `Redis: bad directive "${visible(d.name)}"${guess ? `; did you mean "${guess}"?` : hidden ? " (contains non-ASCII characters)" : " (unknown to Redis 6–8)"}.`,
        fix: guess ? `Write ${guess}.` : "Check the directive against the redis.conf of your Redis version.",
      });
    }
  },
};
