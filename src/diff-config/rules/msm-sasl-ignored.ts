import { attr } from "../xml.js";
import { hasPlaceholder, knownManagers, value } from "./helpers.js";
import type { Rule } from "../types.js";

export const msmSaslIgnored: Rule = {
  meta: {
    id: "msm-sasl-ignored",
    severity: "warning",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description: 'msm username/password without memcachedProtocol="binary", or on a redis:// node list',
    why: "msm uses them only for memcached SASL over the binary protocol; with the default text protocol, and always for Redis, they are silently ignored.",
    fix: 'Add memcachedProtocol="binary"; for Redis put the password in the URL: redis://:secret@host:6379.',
    example: '<Manager … memcachedNodes="n1:mc:11211" username="u" password="p"/>',
    fixable: false,
  },
  check(ctx) {
    for (const { el, cls } of knownManagers(ctx.file)) {
      if (cls.flavor !== "msm") continue;
      const cred = attr(el, "username") ?? attr(el, "password");
      if (!cred) continue;
      const nodes = value(el, "memcachedNodes") ?? "";
      const protocol = value(el, "memcachedProtocol");
      // With either setting a ${…} placeholder, whether the credentials are used is unknown.
      if (hasPlaceholder(protocol) || hasPlaceholder(nodes)) continue;
      const redis = /^rediss?:\/\//.test(nodes);
      if (!redis && value(el, "memcachedProtocol")?.trim() === "binary") continue;
      ctx.report({
        offset: cred.nameOffset,
        message: redis
          ? `${cred.name} is ignored for Redis nodes; msm only reads the password from the redis:// URL.`
          : `${cred.name} is ignored: msm uses SASL credentials only with memcachedProtocol="binary".`,
        fix: redis ? 'Write memcachedNodes="redis://:secret@host:6379".' : 'Add memcachedProtocol="binary".',
      });
    }
  },
};
