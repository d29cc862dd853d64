import { attr } from "../xml.js";
import { knownManagers } from "./helpers.js";
import type { Rule } from "../types.js";

export const redisClientPassword: Rule = {
  meta: {
    id: "redis-client-password",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "redis.conf sets requirepass but the Tomcat session manager has no password (files linted together)",
    why: "Every session read or write fails with NOAUTH Authentication required; Tomcat starts but no session is shared.",
    fix: 'msm: memcachedNodes="redis://:secret@redis:6379"; classic manager: password="secret"; Redisson: password in redisson.yaml.',
    example: 'redis.conf: requirepass s3cret  +  memcachedNodes="redis://redis:6379"',
    fixable: false,
  },
  check(ctx) {
    const secured = ctx.files.some((f) =>
      f.redis?.directives.some((d) => d.name === "requirepass" && (d.args[0]?.value ?? "") !== ""),
    );
    if (!secured) return;
    for (const { el, cls } of knownManagers(ctx.file)) {
      const nodes = attr(el, "memcachedNodes");
      if (cls.flavor === "msm" && nodes && /^rediss?:\/\/[^@]*$/.test(nodes.value.trim())) {
        ctx.report({
          offset: nodes.valueOffset,
          message:
            "redis.conf requires a password but this redis:// URL has none: every request fails with NOAUTH.",
          fix: "Write redis://:<password>@host:6379.",
        });
      } else if (cls.flavor === "jcoleman" && !attr(el, "password")) {
        ctx.report({
          offset: el.offset,
          message: "redis.conf requires a password but this RedisSessionManager has no password attribute.",
          fix: 'Add password="<requirepass value>".',
        });
      }
    }
  },
};
