import { jvmRoutes, nginxRoutesUsed } from "./helpers.js";
import type { Rule } from "../types.js";

export const nginxRouteMismatch: Rule = {
  meta: {
    id: "nginx-route-mismatch",
    severity: "warning",
    kinds: ["nginx"],
    layer: "meaning",
    description:
      "nginx server route= values or jsessionid map patterns that match no Tomcat jvmRoute (server.xml linted together)",
    why: "Sticky routing works only if nginx's routes equal the Engine jvmRoute values; a mismatch silently falls back to round robin.",
    fix: "Make route=… and the map's ~\\.route$ patterns use exactly the jvmRoute of each server.xml.",
    example: 'server 10.0.0.11:8080 route=tc1;  with  <Engine jvmRoute="tomcat1">',
    fixable: false,
  },
  check(ctx) {
    const all = jvmRoutes(ctx.files);
    const routes = [...new Set(all.map((r) => r.route))];
    if (routes.length === 0) return;
    const used = nginxRoutesUsed(ctx.file);
    // With fewer server.xml than routes, the missing Tomcats' routes are simply unknown.
    if (new Set(used.map((u) => u.route)).size > routes.length) return;
    for (const u of used) {
      if (routes.includes(u.route)) continue;
      ctx.report({
        offset: u.offset,
        message: `${u.what} matches no jvmRoute (${all.map((r) => `${r.route} in ${r.file.path}`).join(", ")}).`,
        fix: "Use exactly the jvmRoute of the Tomcat behind it.",
      });
    }
  },
};
