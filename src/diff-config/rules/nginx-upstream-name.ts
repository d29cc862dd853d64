import { walkNginx, type NginxDirective } from "../nginx.js";
import type { Rule } from "../types.js";

/**
 * Whether this Tomcat rejects a Host header that is not a valid host name: strict validation came with
 * 8.5.31 and 9.0.5 (and every 10+). Undefined when the version is unknown or too coarse ("9.0").
 */
export function validatesHost(version: string | undefined): boolean | undefined {
  if (!version) return undefined;
  const [major = 0, minor, patch] = version.split(".").map(Number);
  if (major >= 10) return true;
  if (major < 8 || (major === 8 && minor === 0)) return false;
  if (minor === undefined || patch === undefined) return undefined;
  if (major === 8) return minor > 5 || patch >= 31;
  return minor > 0 || patch >= 5;
}

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
    why: "Without proxy_set_header Host, nginx sends Host: <upstream name>; Tomcat 8.5.31+, 9.0.5+ and 10+ reject a Host with '_' with 400 Bad Request ('The character [_] is never valid in a domain name'), so every request fails although both Tomcats are up; older Tomcats accept it. Exact with --tomcat or a CATALINA_BASE, a warning when the version is unknown.",
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
      const bad = [...new Set(name.replace(/[A-Za-z0-9.-]/g, ""))].join("");
      const { tomcat, tomcatFrom } = ctx.versions;
      const strict = validatesHost(tomcat);
      const fix = "Add proxy_set_header Host $host; in this location (or rename the upstream without '_').";
      const offset = d.args[0]?.offset ?? d.offset;
      if (strict === true) {
        ctx.report({
          offset,
          message: `nginx sends "Host: ${name}" to Tomcat ${tomcat} (${tomcatFrom}), which rejects it with 400 Bad Request ('${bad}' is not allowed in a host name).`,
          fix,
        });
      } else if (strict === undefined) {
        // Tomcat 7, 8.0 and 8.5 before 8.5.31 accept it: only an unknown version is worth a warning.
        ctx.report({
          offset,
          severity: "warning",
          message: `nginx sends "Host: ${name}" to Tomcat; Tomcat 8.5.31+, 9.0.5+ and 10+ reject it with 400 Bad Request ('${bad}' is not allowed in a host name), older ones accept it. The Tomcat version is unknown here (pass --tomcat X.Y.Z or a CATALINA_BASE).`,
          fix,
        });
      }
    }
  },
};
