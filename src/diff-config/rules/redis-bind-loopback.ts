import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { attr } from "../xml.js";
import { knownManagers } from "./helpers.js";
import type { LoadedFile, Rule } from "../types.js";

const LOOPBACK = /^-?(?:127\.\d+\.\d+\.\d+|::1|localhost)$/i;

interface Client {
  file: LoadedFile;
  host: string;
  how: string;
}

/** Host of a redis:// or rediss:// URL (password and database stripped). */
function urlHost(url: string): string | undefined {
  return /^rediss?:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#\s]+)/i.exec(url.trim())?.[1]?.replace(/^\[|\]$/g, "");
}

/** Every Redis host the session managers in the linted files connect to. */
function clients(files: LoadedFile[], baseDir: string | undefined): Client[] {
  const out: Client[] = [];
  for (const file of files) {
    // A redisson.yaml linted together names its address directly.
    if (file.kind === "redisson") {
      for (const m of file.text.matchAll(/rediss?:\/\/[^\s"',\]]+/g)) {
        const host = urlHost(m[0]);
        if (host) out.push({ file, host, how: "the address" });
      }
    }
    for (const { el, cls, className } of knownManagers(file)) {
      const name = className.split(".").pop() ?? className;
      if (cls.flavor === "msm") {
        const host = urlHost(attr(el, "memcachedNodes")?.value ?? "");
        if (host) out.push({ file, host, how: `${name} memcachedNodes` });
      } else if (cls.flavor === "jcoleman") {
        out.push({ file, host: attr(el, "host")?.value.trim() || "localhost", how: `${name} host` });
      } else if (cls.flavor === "redisson") {
        const path = attr(el, "configPath")?.value.replace(/\$\{catalina\.(?:base|home)\}/g, baseDir ?? "\0");
        if (!path || path.includes("\0") || !existsSync(path)) continue;
        for (const m of readFileSync(path, "utf8").matchAll(/rediss?:\/\/[^\s"',\]]+/g)) {
          const host = urlHost(m[0]);
          if (host) out.push({ file, host, how: `${basename(path)} address` });
        }
      }
    }
  }
  return out;
}

export const redisBindLoopback: Rule = {
  meta: {
    id: "redis-bind-loopback",
    severity: "error",
    kinds: ["redis"],
    layer: "meaning",
    description:
      "redis.conf binds only loopback (bind 127.0.0.1) while a session manager linted with it connects to another host",
    why: "The shipped redis.conf listens on 127.0.0.1 -::1 only. Tomcats on other hosts (or in other containers) get 'Connection refused', so no session is stored or shared; the classic walkthrough leaves it that way.",
    fix: "Bind Redis to the private address the Tomcats use as well (bind 127.0.0.1 10.0.0.5), with requirepass set and protected-mode yes.",
    example: 'redis.conf: bind 127.0.0.1 -::1  +  context.xml: host="redis"',
    fixable: false,
  },
  check(ctx) {
    const conf = ctx.file.redis;
    if (!conf) return;
    const bind = [...conf.directives].reverse().find((d) => d.name === "bind");
    if (!bind || bind.args.length === 0 || !bind.args.every((a) => LOOPBACK.test(a.value))) return;
    const remote = clients(ctx.files, ctx.base?.dir).find((c) => !LOOPBACK.test(c.host));
    if (!remote) return;
    const bound = bind.args.map((a) => a.value).join(" ");
    ctx.report({
      offset: bind.offset,
      message: `bind ${bound} accepts only local connections, but ${remote.how} in ${remote.file.path} connects to "${remote.host}": from another host or container every connection is refused, so no session is stored or shared.`,
      fix: `Add the address Tomcat reaches "${remote.host}" at: bind ${bound.split(" ")[0]} <private-ip> (keep requirepass and protected-mode yes).`,
    });
  },
};
