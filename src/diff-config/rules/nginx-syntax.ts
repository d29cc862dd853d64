import { visible } from "../characters.js";
import type { Rule } from "../types.js";

export const nginxSyntax: Rule = {
  meta: {
    id: "nginx-syntax",
    severity: "error",
    kinds: ["nginx"],
    layer: "syntax",
    description:
      "nginx would refuse the file: unknown directive, missing ';', unbalanced braces or quotes, a directive in a block where it is not allowed",
    why: "nginx -t fails with '[emerg] unknown directive', 'unexpected \"}\"' or '\"log_format\" directive is not allowed here' and the reload is refused, so the old config keeps running.",
    fix: "Correct the directive at the position shown; an unknown directive with odd characters usually holds a pasted invisible character.",
    example: "upstream tomcats { server tomcat1:8080 }  (missing ';')",
    fixable: false,
  },
  check(ctx) {
    for (const e of ctx.file.nginx?.errors ?? []) {
      const hidden = /[^\x20-\x7e]/.test(e.message);
      ctx.report({
        offset: e.offset,
        message: `nginx: ${visible(e.message)}${hidden ? " (contains non-ASCII characters)" : ""}.`,
        fix:
          e.fix ??
          (hidden
            ? "Retype the directive name; it contains a pasted character nginx does not treat as whitespace."
            : "Check the braces and the ';' that ends each directive."),
      });
    }
  },
};
