import { attr } from "../xml.js";
import { elementsNamed, nginxRoutesUsed } from "./helpers.js";
import type { Rule } from "../types.js";

export const jvmRouteMissing: Rule = {
  meta: {
    id: "jvmroute-missing",
    severity: "error",
    kinds: ["server-xml"],
    layer: "meaning",
    description:
      "A Tomcat Engine without jvmRoute while the nginx.conf linted with it routes sessions by their .jvmRoute suffix",
    why: "Tomcat appends .<jvmRoute> to session ids only when the Engine has one; without it nginx's route map or route= never matches, every request falls back to round robin, and a sticky setup is silently not sticky.",
    fix: 'Add jvmRoute="<the route nginx uses for this Tomcat>" to <Engine name="Catalina" …>.',
    example:
      '<Engine name="Catalina" defaultHost="localhost">  with  map $cookie_JSESSIONID … { ~\\.tomcat1$ … }',
    fixable: false,
  },
  check(ctx) {
    const nginx = ctx.files.find((f) => f.kind === "nginx" && nginxRoutesUsed(f).length > 0);
    if (!nginx) return;
    const routes = [...new Set(nginxRoutesUsed(nginx).map((u) => u.route))];
    for (const el of elementsNamed(ctx.file, "Engine")) {
      if (attr(el, "jvmRoute")?.value.trim()) continue;
      ctx.report({
        offset: el.offset,
        message: `<Engine> has no jvmRoute, but ${nginx.path} routes sessions by theirs (${routes.join(", ")}): session ids carry no route, so requests of one session go round robin.`,
        fix: `Add jvmRoute="…" with this Tomcat's route (one of ${routes.join(", ")}) to <Engine>.`,
      });
    }
  },
};
