import { dirname } from "node:path";
import { walkNginx } from "../nginx.js";
import { hasPlaceholder, jvmRoutes, knownManagers, msmStickyValue, at } from "./helpers.js";
import type { Rule } from "../types.js";

export const msmNonStickyJvmRoute: Rule = {
  meta: {
    id: "msm-non-sticky-jvmroute",
    severity: "info",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "msm non-sticky mode while the Engine has a jvmRoute (checked when server.xml is linted too)",
    why: "msm logs a WARN ('this might cause trouble'): the session keeps the creating Tomcat's .route suffix for life, which misleads a route-based balancer. Harmless behind round robin, which is why the labs keep it.",
    fix: 'Behind round robin nothing to do; with route-sticky nginx remove jvmRoute or use sticky="true".',
    example: '<Engine jvmRoute="tomcat1"> + <Manager … sticky="false"/>',
    fixable: false,
  },
  check(ctx) {
    const routes = jvmRoutes(ctx.files);
    // The server.xml next to this context.xml (same conf/) is this Tomcat's; else the first one given.
    const route = routes.find((r) => dirname(r.file.path) === dirname(ctx.file.path)) ?? routes[0];
    if (hasPlaceholder(route?.route)) return;
    if (!route) return;
    // Behind a balancer that routes by the jvmRoute suffix, the stale route sends users to the wrong Tomcat.
    const routeSticky = ctx.files.some((f) =>
      [...walkNginx(f.nginx?.directives ?? [])].some(
        (d) => d.name === "sticky" || (d.name === "map" && /jsessionid/i.test(d.args[0]?.value ?? "")),
      ),
    );
    for (const { el, cls } of knownManagers(ctx.file)) {
      if (cls.flavor !== "msm" || msmStickyValue(el) !== false) continue;
      ctx.report({
        offset: at(el, "sticky"),
        severity: routeSticky ? "warning" : "info",
        message: `Non-sticky msm with jvmRoute="${route.route}" in ${route.file.path}: msm logs a WARN, and session ids keep the creating Tomcat's route${routeSticky ? ", which the route-sticky nginx config then follows to the wrong Tomcat" : ""}.`,
        fix: routeSticky
          ? "Remove jvmRoute from the Engine (msm's advice), or balance round robin."
          : "Fine behind round robin; with route-sticky nginx remove jvmRoute from the Engine.",
      });
    }
  },
};
