import { walkNginx, type NginxDirective } from "../nginx.js";
import type { Rule } from "../types.js";

/** proxy_set_header inherits only into levels that set none, so the innermost level with any wins. */
function effectiveHeaders(d: NginxDirective): string[] {
  for (let p = d.parent; p; p = p.parent) {
    const set = (p.block ?? []).filter((x) => x.name === "proxy_set_header");
    if (set.length > 0) return set.map((x) => x.args[0]?.value.toLowerCase() ?? "");
  }
  return [];
}

export const nginxUpstreamName: Rule = {
  meta: {
    id: "nginx-upstream-name",
    severity: "error",
    kinds: ["nginx"],
    layer: "meaning",
    description:
      "An upstream name that is not a valid host name (e.g. with '_'), sent to Tomcat as the Host header",
    why: "Without proxy_set_header Host, nginx sends Host: <upstream name>; Tomcat 8.5+ rejects a Host with '_' with 400 Bad Request, so every request fails although both Tomcats are up.",
    fix: "Add proxy_set_header Host $host; (or rename the upstream to letters, digits, '-' and '.').",
    example: "upstream tomcat_servers { … }  location / { proxy_pass http://tomcat_servers; }",
    fixable: false,
  },
  check(ctx) {
    const all = [...walkNginx(ctx.file.nginx?.directives ?? [])];
    const upstreams = new Set(all.filter((d) => d.name === "upstream").map((d) => d.args[0]?.value ?? ""));
    for (const d of all) {
      if (d.name !== "proxy_pass") continue;
      const name = /^https?:\/\/([^/:$]+)/.exec(d.args[0]?.value ?? "")?.[1];
      if (!name || !upstreams.has(name) || /^[A-Za-z0-9.-]+$/.test(name)) continue;
      if (effectiveHeaders(d).includes("host")) continue;
      ctx.report({
        offset: d.args[0]?.offset ?? d.offset,
        message: `nginx sends "Host: ${name}" to Tomcat, which rejects it with 400 Bad Request ('${name.replace(/[A-Za-z0-9.-]/g, "")}' is not allowed in a host name).`,
        fix: "Add proxy_set_header Host $host; in this location (or rename the upstream without '_').",
      });
    }
  },
};
