import { hasPlaceholder, jvmRoutes } from "./helpers.js";
import type { Rule } from "../types.js";

export const jvmRouteUnique: Rule = {
  meta: {
    id: "jvmroute-unique",
    severity: "error",
    kinds: ["server-xml"],
    layer: "meaning",
    description: "The same jvmRoute on two Tomcats (server.xml files linted together)",
    why: "The route names the Tomcat that created a session; two Tomcats with one route make route-based balancing send requests to the wrong one, and the cluster's JvmRouteBinderValve cannot tell them apart.",
    fix: "Give each Tomcat its own jvmRoute (tomcat1, tomcat2…), matching the balancer's routes.",
    example: 'tomcat1/conf/server.xml and tomcat2/conf/server.xml both jvmRoute="tomcat1"',
    fixable: false,
  },
  check(ctx) {
    // Two ${jvmRoute} placeholders are two unknown values, not one route.
    const all = jvmRoutes(ctx.files).filter((r) => !hasPlaceholder(r.route));
    for (const mine of all.filter((r) => r.file === ctx.file)) {
      const other = all.find((r) => r.file !== ctx.file && r.route === mine.route);
      if (!other) continue;
      ctx.report({
        offset: mine.offset,
        message: `jvmRoute="${mine.route}" is also used by ${other.file.path}.`,
        fix: "Give each Tomcat a different jvmRoute.",
      });
    }
  },
};
