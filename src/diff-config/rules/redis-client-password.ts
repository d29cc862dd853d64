import { attr } from "../xml.js";
import { hasPlaceholder, knownManagers } from "./helpers.js";
import type { LoadedFile, Rule } from "../types.js";

/** The requirepass of a redis.conf (the last one wins, as in Redis), with its file. */
function requirepass(files: LoadedFile[]): { file: LoadedFile; password: string } | undefined {
  for (const file of files) {
    const d = [...(file.redis?.directives ?? [])].reverse().find((x) => x.name === "requirepass");
    const password = d?.args[0]?.value ?? "";
    if (password !== "") return { file, password };
  }
  return undefined;
}

export const redisClientPassword: Rule = {
  meta: {
    id: "redis-client-password",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml", "redisson"],
    layer: "meaning",
    description:
      "redis.conf sets requirepass but the Tomcat session manager (or redisson.yaml) has no password or another one (files of one deployment linted together)",
    why: "Every session read or write fails with NOAUTH Authentication required (or WRONGPASS); Tomcat starts but no session is shared.",
    fix: 'msm: memcachedNodes="redis://:secret@redis:6379"; classic manager: password="secret"; Redisson: password in redisson.yaml.',
    example: 'redis.conf: requirepass s3cret  +  memcachedNodes="redis://redis:6379"',
    fixable: false,
  },
  check(ctx) {
    const secured = requirepass(ctx.files);
    if (!secured) return;
    const where = `requirepass in ${secured.file.path}`;
    const redisson = ctx.file.redisson;
    if (redisson) {
      const section = redisson.keys.find(
        (k) => k.name.endsWith("ServersConfig") || k.name === "singleServerConfig",
      );
      if (!section) return;
      const pw = redisson.scalars.find((s) => s.path.length === 2 && s.path[1] === "password");
      const value = pw?.value === null || pw?.value === undefined ? "" : String(pw.value);
      if (hasPlaceholder(value)) return;
      if (value === "") {
        ctx.report({
          offset: pw?.offset ?? section.offset,
          message: `Redis requires a password (${where}) but ${section.name} has ${pw ? "password: null" : "no password"}: every request fails with NOAUTH.`,
          fix: `Add password: "<the requirepass value>" under ${section.name}.`,
        });
      } else if (value !== secured.password) {
        ctx.report({
          offset: pw?.offset ?? section.offset,
          message: `password differs from the ${where}: Redis answers WRONGPASS and no session is stored.`,
          fix: "Use the same password in both files.",
        });
      }
      return;
    }
    for (const { el, cls } of knownManagers(ctx.file)) {
      const nodes = attr(el, "memcachedNodes");
      if (nodes && hasPlaceholder(nodes.value)) continue;
      if (cls.flavor === "msm" && nodes && /^rediss?:\/\/[^@]*$/.test(nodes.value.trim())) {
        ctx.report({
          offset: nodes.valueOffset,
          message: `Redis requires a password (${where}) but this redis:// URL has none: every request fails with NOAUTH.`,
          fix: "Write redis://:<password>@host:6379.",
        });
      } else if (cls.flavor === "jcoleman" && !attr(el, "password")) {
        ctx.report({
          offset: el.offset,
          message: `Redis requires a password (${where}) but this RedisSessionManager has no password attribute.`,
          fix: 'Add password="<requirepass value>".',
        });
      }
    }
  },
};
