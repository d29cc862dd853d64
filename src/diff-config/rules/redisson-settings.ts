import { attr } from "../xml.js";
import { hasPlaceholder, knownManagers } from "./helpers.js";
import { existsSync, readFileSync } from "node:fs";
import type { Rule, RuleContext } from "../types.js";

/** Given a CATALINA_BASE, the file configPath names must exist and hold a redis:// address. */
function checkConfigFile(ctx: RuleContext, value: string, offset: number, base: string): void {
  const path = value.trim().replace(/\$\{catalina\.(?:base|home)\}/g, base);
  if (path.includes("${")) return;
  if (!existsSync(path)) {
    ctx.report({
      offset,
      message: `configPath ${path} does not exist: the manager cannot start.`,
      fix: 'Create it with singleServerConfig: address: "redis://host:6379".',
    });
    return;
  }
  const text = readFileSync(path, "utf8");
  if (!/["']?(?:address|nodeAddresses|sentinelAddresses)["']?\s*:[\s\S]*?rediss?:\/\//.test(text)) {
    ctx.report({
      offset,
      message: `${path} has no redis:// or rediss:// address; Redisson requires the scheme.`,
      fix: 'Write address: "redis://host:6379".',
    });
  }
}

const ENUMS: Record<string, string[]> = {
  readMode: ["REDIS", "MEMORY"],
  updateMode: ["DEFAULT", "AFTER_REQUEST"],
};

export const redissonSettings: Rule = {
  meta: {
    id: "redisson-settings",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description: "Redisson manager without configPath, or readMode/updateMode not in upper case",
    why: "readMode and updateMode go through Enum.valueOf, which is case-sensitive ('redis' throws IllegalArgumentException); without configPath the manager cannot create its Redis client.",
    fix: 'Write readMode="REDIS" (or MEMORY), updateMode="DEFAULT" (or AFTER_REQUEST), and configPath="${catalina.base}/conf/redisson.yaml".',
    example: '<Manager className="org.redisson.tomcat.RedissonSessionManager" readMode="redis"/>',
    fixable: false,
  },
  check(ctx) {
    for (const { el, className, cls } of knownManagers(ctx.file)) {
      if (cls.flavor !== "redisson") continue;
      if (!className.includes("Jndi") && !attr(el, "configPath")) {
        ctx.report({
          offset: el.offset,
          message: "RedissonSessionManager without configPath: it has no Redis address to connect to.",
          fix: 'Add configPath="${catalina.base}/conf/redisson.yaml".',
        });
      }
      const configPath = attr(el, "configPath");
      if (configPath && ctx.base)
        checkConfigFile(ctx, configPath.value, configPath.valueOffset, ctx.base.dir);
      for (const [name, allowed] of Object.entries(ENUMS)) {
        const a = attr(el, name);
        if (!a || allowed.includes(a.value) || hasPlaceholder(a.value)) continue;
        const upper = a.value.trim().toUpperCase();
        ctx.report({
          offset: a.valueOffset,
          message: `${name}="${a.value}" is not one of ${allowed.join(", ")} (case-sensitive); the manager throws IllegalArgumentException.`,
          fix: `Write ${name}="${allowed.includes(upper) ? upper : allowed[0]}".`,
        });
      }
    }
  },
};
