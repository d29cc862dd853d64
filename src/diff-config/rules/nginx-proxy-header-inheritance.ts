import { walkNginx, type NginxDirective } from "../nginx.js";
import type { Rule } from "../types.js";

const headersOf = (list: NginxDirective[] | undefined) =>
  (list ?? []).filter((d) => d.name === "proxy_set_header").map((d) => d.args[0]?.value.toLowerCase() ?? "");

/** headersOf, remembered per block: an http block with thousands of servers is asked once. */
function cached(): (d: NginxDirective) => string[] {
  const memo = new Map<NginxDirective, string[]>();
  return (d) => {
    let h = memo.get(d);
    if (!h) memo.set(d, (h = headersOf(d.block)));
    return h;
  };
}

export const nginxProxyHeaderInheritance: Rule = {
  meta: {
    id: "nginx-proxy-header-inheritance",
    severity: "warning",
    kinds: ["nginx"],
    layer: "meaning",
    description: "proxy_set_header in a location drops every proxy_set_header of the enclosing server/http",
    why: "nginx inherits proxy_set_header only when the inner level sets none; one header in a location silently drops Host and X-Forwarded-For set outside, so Tomcat sees the upstream name and the proxy's address.",
    fix: "Repeat the outer proxy_set_header lines in the location, or move them all to one level.",
    example:
      "server { proxy_set_header Host $host; location / { proxy_set_header X-Real-IP $remote_addr; … } }",
    fixable: false,
  },
  check(ctx) {
    const headers = cached();
    for (const d of walkNginx(ctx.file.nginx?.directives ?? [])) {
      if (!d.block || !["location", "server", "if"].includes(d.name)) continue;
      const inner = headers(d);
      if (inner.length === 0) continue;
      let outer: string[] = [];
      for (let p = d.parent; p && outer.length === 0; p = p.parent) outer = headers(p);
      const lost = outer.filter((h) => !inner.includes(h));
      const first = d.block.find((x) => x.name === "proxy_set_header");
      if (lost.length === 0 || !first) continue;
      ctx.report({
        offset: first.offset,
        message: `This proxy_set_header drops the outer ones: ${lost.join(", ")} are no longer sent.`,
        fix: `Repeat proxy_set_header ${lost.join(", ")} in this ${d.name}.`,
      });
    }
  },
};
