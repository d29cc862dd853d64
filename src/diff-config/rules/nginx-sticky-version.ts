import { walkNginx } from "../nginx.js";
import type { Rule } from "../types.js";

export const nginxStickyVersion: Rule = {
  meta: {
    id: "nginx-sticky-version",
    severity: "warning",
    kinds: ["nginx"],
    layer: "meaning",
    description: "The upstream sticky directive, which open-source nginx has only since 1.29.6",
    why: "Distribution packages (1.22–1.28) reject it with 'unknown directive \"sticky\"'; before 1.29.6 it was NGINX Plus only.",
    fix: "Use nginx ≥ 1.29.6, or route with a map on $cookie_jsessionid to per-Tomcat upstreams.",
    example: "upstream t { server a:8080 route=tomcat1; sticky route $route_cookie; }",
    fixable: false,
  },
  check(ctx) {
    for (const d of walkNginx(ctx.file.nginx?.directives ?? [])) {
      if (d.name !== "sticky") continue;
      ctx.report({
        offset: d.offset,
        message: "sticky needs open-source nginx 1.29.6 or later (check nginx -v).",
        fix: "Upgrade nginx, or use a $cookie_jsessionid map to per-route upstreams.",
      });
    }
  },
};
