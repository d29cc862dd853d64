import { walkNginx } from "../nginx.js";
import { jvmRoutes } from "./helpers.js";
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
    const routes = jvmRoutes(ctx.files).map((r) => r.route);
    if (routes.length === 0) return;
    for (const d of walkNginx(ctx.file.nginx?.directives ?? [])) {
      if (d.name === "server" && d.parent?.name === "upstream") {
        for (const a of d.args) {
          const route = /^route=(.*)$/.exec(a.value)?.[1];
          if (route === undefined || routes.includes(route)) continue;
          ctx.report({
            offset: a.offset,
            message: `route=${route} matches no jvmRoute (${routes.join(", ")}).`,
            fix: "Use the jvmRoute of the Tomcat behind this server.",
          });
        }
      }
      if (d.parent?.name === "map" && /jsessionid|route/i.test(d.parent.args.map((a) => a.value).join(" "))) {
        const key = d.name;
        const literal = /^~\*?\\\.(\w+)\$$/.exec(key)?.[1];
        if (literal === undefined || routes.includes(literal)) continue;
        ctx.report({
          offset: d.offset,
          message: `Route pattern ${key} matches no jvmRoute (${routes.join(", ")}).`,
          fix: `Use ~\\.${routes[0]}$ and the like, one per Tomcat.`,
        });
      }
    }
  },
};
