import { hasPlaceholder, jvmRoutes } from "./helpers.js";
import type { Rule } from "../types.js";

export const jvmRouteFormat: Rule = {
  meta: {
    id: "jvmroute-format",
    severity: "error",
    kinds: ["server-xml"],
    layer: "meaning",
    description: "Engine jvmRoute with characters other than letters, digits and '_'",
    why: "The route is appended after a '.' to the session id: a '.' in it breaks msm's session-id parsing (msm#274), and nginx route maps written as \\w+ do not match '-' or '.'.",
    fix: "Use letters, digits and '_' only, e.g. jvmRoute=\"tomcat1\".",
    example: '<Engine name="Catalina" jvmRoute="tomcat.1">',
    fixable: false,
  },
  check(ctx) {
    for (const r of jvmRoutes([ctx.file])) {
      if (/^\w+$/.test(r.route) || hasPlaceholder(r.route)) continue;
      const dot = r.route.includes(".");
      ctx.report({
        offset: r.offset,
        severity: dot || r.route.trim() === "" ? "error" : "warning",
        message:
          r.route.trim() === ""
            ? "jvmRoute is empty."
            : `jvmRoute="${r.route}" contains ${dot ? "'.', which breaks msm's session-id parsing" : "characters outside [A-Za-z0-9_], which nginx \\w+ route maps do not match"}.`,
        fix: `Write jvmRoute="${r.route.replace(/\W+/g, "") || "tomcat1"}".`,
      });
    }
  },
};
