import { walkNginx, type NginxDirective } from "../nginx.js";
import type { Rule } from "../types.js";

/** nginx's own sticky (OSS since 1.29.6, NGINX Plus before) always starts with one of these. */
export const NATIVE_STICKY = ["cookie", "route", "learn"];

/** `sticky`, `sticky hash=sha1 httponly`, `sticky name=route …`: the third-party module's syntax. */
export function isStickyModuleNg(d: NginxDirective): boolean {
  return d.name === "sticky" && !NATIVE_STICKY.includes(d.args[0]?.value ?? "");
}

const BALANCERS = ["least_conn", "ip_hash", "hash", "random"];

export const nginxStickyModuleNg: Rule = {
  meta: {
    id: "nginx-sticky-module-ng",
    severity: "warning",
    kinds: ["nginx"],
    layer: "meaning",
    description:
      "sticky in nginx-sticky-module-ng syntax (sticky; sticky hash=… name=… httponly), a third-party module, and that module combined with least_conn, ip_hash, hash or random",
    why: "nginx-sticky-module-ng is compiled in with --add-module; stock nginx of any version rejects its syntax (its own sticky takes cookie, route or learn). The module replaces the upstream's balancer, as least_conn, ip_hash, hash and random do: nginx warns 'load balancing method redefined' and only the last one applies.",
    fix: "On stock nginx ≥ 1.29.6 write sticky cookie <name> (or sticky route $route_cookie); on an nginx built with the module, drop least_conn/ip_hash/hash/random from that upstream.",
    example: "upstream t { least_conn; server a:8080; sticky name=route hash=sha1 httponly; }",
    fixable: false,
  },
  check(ctx) {
    for (const up of walkNginx(ctx.file.nginx?.directives ?? [])) {
      if (up.name !== "upstream" || !up.block) continue;
      const sticky = up.block.find(isStickyModuleNg);
      if (!sticky) continue;
      const text = ["sticky", ...sticky.args.map((a) => a.value)].join(" ");
      const balancer = up.block.find((d) => BALANCERS.includes(d.name));
      if (balancer) {
        const last = balancer.offset > sticky.offset ? balancer.name : "sticky";
        ctx.report({
          offset: balancer.offset,
          severity: "error",
          message: `${balancer.name} and nginx-sticky-module-ng's "${text}" cannot share upstream ${up.args[0]?.value ?? ""}: each replaces the balancer, nginx warns "load balancing method redefined" and only the last applies, so ${last === "sticky" ? `${balancer.name} is off` : "sticky routing is off and sessions are not pinned"}.`,
          fix: `Keep one: remove ${balancer.name} (the module balances round robin for new clients), or remove the sticky line.`,
        });
      }
      ctx.report({
        offset: sticky.offset,
        message: `"${text}" is nginx-sticky-module-ng syntax, a third-party module built in with --add-module, not nginx's own sticky cookie|route|learn: stock nginx of any version rejects it ("unknown directive" before 1.29.6, an invalid parameter after).`,
        fix: "On stock nginx ≥ 1.29.6 write sticky cookie srv_id expires=1h; otherwise use an nginx built with nginx-sticky-module-ng.",
      });
    }
  },
};
