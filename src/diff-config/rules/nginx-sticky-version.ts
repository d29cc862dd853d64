import { walkNginx } from "../nginx.js";
import { isStickyModuleNg } from "./nginx-sticky-module-ng.js";
import type { Rule } from "../types.js";

export const nginxStickyVersion: Rule = {
  meta: {
    id: "nginx-sticky-version",
    severity: "warning",
    kinds: ["nginx"],
    layer: "meaning",
    description:
      "nginx's own sticky cookie|route|learn, which open-source nginx has only since 1.29.6 (nginx-sticky-module-ng syntax is nginx-sticky-module-ng's business)",
    why: "Distribution packages (1.22–1.28) reject it with 'unknown directive \"sticky\"'; before 1.29.6 it was NGINX Plus only.",
    fix: "Use nginx ≥ 1.29.6, or route with a map on $cookie_jsessionid to per-Tomcat upstreams.",
    example: "upstream t { server a:8080 route=tomcat1; sticky route $route_cookie; }",
    fixable: false,
  },
  check(ctx) {
    for (const d of walkNginx(ctx.file.nginx?.directives ?? [])) {
      if (d.name !== "sticky" || isStickyModuleNg(d)) continue;
      ctx.report({
        offset: d.offset,
        message: `sticky ${d.args[0]?.value ?? ""} needs open-source nginx 1.29.6 or later (before, NGINX Plus only): older nginx -t fails with unknown directive "sticky" (check nginx -v).`,
        fix: "Upgrade nginx, or use a $cookie_jsessionid map to per-route upstreams.",
      });
    }
  },
};
