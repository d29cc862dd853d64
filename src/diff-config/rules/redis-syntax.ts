import { REDIS_DIRECTIVES } from "../redis-directives.js";
import { nearest } from "../known-classes.js";
import { visible } from "../characters.js";
import type { RedisDirective } from "../redis-conf.js";
import type { Rule, RuleContext } from "../types.js";

/** Argument counts Redis enforces ("wrong number of arguments"), for the directives labs use. */
const ARGS: Record<string, [number, number]> = {
  port: [1, 1],
  "protected-mode": [1, 1],
  requirepass: [1, 1],
  masterauth: [1, 1],
  timeout: [1, 1],
  "tcp-keepalive": [1, 1],
  daemonize: [1, 1],
  loglevel: [1, 1],
  logfile: [1, 1],
  databases: [1, 1],
  appendonly: [1, 1],
  dir: [1, 1],
  dbfilename: [1, 1],
  maxmemory: [1, 1],
  "maxmemory-policy": [1, 1],
  bind: [1, 16],
};
const YES_NO = new Set(["protected-mode", "daemonize", "appendonly"]);

function checkArguments(ctx: RuleContext, d: RedisDirective): void {
  // Redis has no trailing comments: "bind 0.0.0.0 # all" binds to "#" and "all" too.
  const hash = d.args.find((a) => a.value.startsWith("#"));
  if (hash) {
    ctx.report({
      offset: hash.offset,
      message: `Redis: "${hash.value}…" is read as more arguments of ${d.name}; redis.conf has no comments after a directive.`,
      fix: "Move the comment to its own line starting with #.",
    });
    return;
  }
  const [min, max] = ARGS[d.name] ?? [0, Number.POSITIVE_INFINITY];
  if (d.args.length < min || d.args.length > max) {
    ctx.report({
      offset: d.offset,
      message: `Redis: wrong number of arguments for ${d.name} (${d.args.length}).`,
      fix: `Give ${d.name} ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}.`,
    });
  } else if (YES_NO.has(d.name) && !/^(yes|no)$/i.test(d.args[0]?.value ?? "")) {
    ctx.report({
      offset: d.args[0]?.offset ?? d.offset,
      message: `Redis: ${d.name} must be yes or no, not "${visible(d.args[0]?.value ?? "")}".`,
      fix: `Write ${d.name} yes (or no).`,
    });
  }
}

export const redisSyntax: Rule = {
  meta: {
    id: "redis-syntax",
    severity: "error",
    kinds: ["redis"],
    layer: "syntax",
    description:
      "Redis would refuse the line: bad directive, wrong number of arguments, a comment after a directive, unbalanced quotes",
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
      if (REDIS_DIRECTIVES.has(d.name)) {
        checkArguments(ctx, d);
        continue;
      }
      const guess = nearest(d.name, REDIS_DIRECTIVES, 2);
      const hidden = /[^\x21-\x7e]/.test(d.name);
      // Unknown plain-ASCII names may belong to a newer Redis; typos and pasted characters are fatal anywhere.
      ctx.report({
        offset: d.offset,
        severity: hidden || guess ? "error" : "warning",
        message: `Redis: bad directive "${visible(d.name)}"${guess ? `; did you mean "${guess}"?` : hidden ? " (contains non-ASCII characters)." : " (unknown to Redis 6–8)."}`,
        fix: guess ? `Write ${guess}.` : "Check the directive against the redis.conf of your Redis version.",
      });
    }
  },
};
