import type { Rule } from "../types.js";

export const xmlWellFormed: Rule = {
  meta: {
    id: "xml-well-formed",
    severity: "error",
    kinds: ["context-xml", "server-xml", "web-xml", "xml"],
    layer: "syntax",
    description:
      "The XML is not well-formed (the first error, where Tomcat's parser stops); a snippet of Context children is read as if inside <Context> (info)",
    why: "Tomcat logs a localised 'Parse Fatal Error at line L column C' and, for server.xml, 'Cannot start server. Server instance is not configured'; for context.xml the webapp does not deploy.",
    fix: "Fix the markup at the position shown; characters reported on the same line are the usual cause.",
    example: '<Context><Manager a="1"b="2"/></Context> (no space between attributes)',
    fixable: false,
  },
  check(ctx) {
    const fragment = ctx.file.fragment;
    if (fragment) {
      const roots = fragment.roots;
      ctx.report({
        offset: ctx.file.xml?.roots[0]?.offset ?? 0,
        severity: "info",
        message: `A snippet of ${roots.length} elements (${[...new Set(roots)].join(", ")}) without their <Context>: checked as if inside <Context>, where Tomcat reads them.`,
        fix: "Paste these elements inside the <Context> of conf/context.xml (or of the webapp's META-INF/context.xml).",
      });
    }
    const error = ctx.file.xml?.error;
    if (!error) return;
    // HTML entities come with snippets copied from web pages; XML only knows &amp; &lt; &gt; &quot; &apos;.
    const html = /&(nbsp|ndash|mdash|ldquo|rdquo|lsquo|rsquo|hellip|copy);/.exec(
      ctx.file.source.lineText(error.line),
    )?.[0];
    ctx.report({
      line: error.line,
      column: Math.max(1, error.column),
      message: `Not well-formed XML: ${error.message.replace(/\.$/, "")}${html ? ` (${html} is an HTML entity, not defined in XML)` : ""}.`,
      fix: html
        ? `Replace ${html} with the plain character (a space for &nbsp;) or a numeric reference such as &#160;.`
        : "Tomcat stops parsing here; correct the markup (look for pasted characters just before this column).",
    });
  },
};
