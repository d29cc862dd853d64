import { walkNginx } from "../nginx.js";
import type { Rule } from "../types.js";

export const nginxUpstreamUndefined: Rule = {
  meta: {
    id: "nginx-upstream-undefined",
    severity: "error",
    kinds: ["nginx"],
    layer: "meaning",
    description: "proxy_pass names an upstream that is not defined (typo of an upstream name)",
    why: "nginx then treats the name as a host name: nginx -t fails with 'host not found in upstream', or, with a variable, every request fails at run time.",
    fix: "Use the name of an upstream block defined in the config.",
    example: "upstream tomcats { … }  location / { proxy_pass http://tomcat; }",
    fixable: false,
  },
  check(ctx) {
    const conf = ctx.file.nginx;
    if (!conf) return;
    const all = [...walkNginx(conf.directives)];
    const upstreams = all.filter((d) => d.name === "upstream").map((d) => d.args[0]?.value ?? "");
    if (upstreams.length === 0) return;
    for (const d of all) {
      if (d.name !== "proxy_pass") continue;
      const target = d.args[0];
      const host = /^https?:\/\/([^/:$]+)(?:[/]|$)/.exec(target?.value ?? "")?.[1];
      // Host names with dots or ports, IPs and variables are real addresses, not upstream names.
      if (!target || !host || host.includes(".") || upstreams.includes(host) || host === "localhost")
        continue;
      ctx.report({
        offset: target.offset,
        message: `proxy_pass points at "${host}", but the upstreams defined are: ${upstreams.join(", ")}.`,
        fix: `Write proxy_pass http://${upstreams.length === 1 ? upstreams[0] : "<upstream>"};`,
      });
    }
  },
};
