import { attr } from "../xml.js";
import { knownManagers } from "./helpers.js";
import { versionAtLeast } from "./catalina-compat.js";
import type { Rule } from "../types.js";

/** "3600 seconds (60 min)": the timeout the user meant, in the unit web.xml wants. */
function asMinutes(value: string): string {
  const seconds = Number(value.trim());
  if (!Number.isFinite(seconds) || value.trim() === "") return `"${value}"`;
  return `${seconds} seconds (${Math.round((seconds / 60) * 10) / 10} min)`;
}

export const redisMaxInactiveInterval: Rule = {
  meta: {
    id: "redis-max-inactive-interval",
    severity: "warning",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description: "maxInactiveInterval on the classic RedisSessionManager, which Tomcat ≥ 7.0.68 ignores",
    why: "The classic manager has no setter of its own; Tomcat's ManagerBase.setMaxInactiveInterval() is deprecated since 7.0.68 and calls to it are ignored ('Manager.setMaxInactiveInterval() is deprecated and calls to this method are ignored', logged from 7.0.69). The timeout the README promises silently does not apply: sessions expire after web.xml's session-timeout (30 min by default).",
    fix: "Remove maxInactiveInterval and set <session-config><session-timeout>MINUTES</session-timeout></session-config> in the app's WEB-INF/web.xml (or conf/web.xml for every app).",
    example:
      '<Manager className="com.bluejeans.tomcat.redissessions.RedisSessionManager" maxInactiveInterval="60"/>',
    fixable: false,
  },
  check(ctx) {
    const version = ctx.versions.tomcat;
    // A Tomcat older than 7.0.68 still honours it.
    if (version && !versionAtLeast(version, [7, 0, 68])) return;
    for (const m of knownManagers(ctx.file)) {
      const interval = attr(m.el, "maxInactiveInterval");
      if (m.cls.flavor !== "jcoleman" || !interval) continue;
      const minutes = Number(interval.value.trim()) / 60;
      ctx.report({
        offset: interval.valueOffset,
        message: `maxInactiveInterval=${asMinutes(interval.value)} is ignored by Tomcat ${version ? `${version}${ctx.versions.tomcatFrom ? ` (${ctx.versions.tomcatFrom})` : ""}` : "≥ 7.0.68"}: that timeout does not apply, sessions expire after web.xml's session-timeout (30 min unless set); Tomcat only logs "Manager.setMaxInactiveInterval() is deprecated and calls to this method are ignored".`,
        fix: `Remove maxInactiveInterval and set <session-config><session-timeout>${Number.isFinite(minutes) && minutes > 0 ? Math.max(1, Math.round(minutes)) : "MINUTES"}</session-timeout></session-config> in WEB-INF/web.xml.`,
      });
    }
  },
};
