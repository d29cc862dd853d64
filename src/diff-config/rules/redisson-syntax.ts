import type { Rule } from "../types.js";

export const redissonSyntax: Rule = {
  meta: {
    id: "redisson-syntax",
    severity: "error",
    kinds: ["redisson"],
    layer: "syntax",
    description:
      "A Redisson config (redisson.yaml, or YAML/JSON saved as redisson.conf) that is not valid YAML or JSON",
    why: "RedissonSessionManager parses configPath as YAML, then as JSON; when both fail the context does not start (LifecycleException: Can't parse yaml config / Can't parse json config).",
    fix: "Correct the YAML at the position shown: indentation with spaces, a closing quote, one value per key.",
    example: 'singleServerConfig:\n  address: "redis://redis:6379   (no closing quote)',
    fixable: false,
  },
  check(ctx) {
    for (const e of ctx.file.redisson?.errors ?? []) {
      ctx.report({
        offset: e.offset,
        message: `Not valid YAML: ${e.message.replace(/\.$/, "")}; Redisson cannot parse the file.`,
      });
    }
  },
};
