import { KINDS, type Rule } from "../types.js";

export const bom: Rule = {
  meta: {
    id: "bom",
    severity: "error",
    kinds: KINDS,
    layer: "characters",
    description: 'File starts with a byte-order mark (UTF-8 with BOM, or UTF-16 from Notepad\'s "Unicode")',
    why: "nginx reads it as part of the first directive (unknown directive \"\ufeffuser\", shown as mojibake like 锘?), Redis as a bad directive; Tomcat's parser skips it, but tools that read the file as text report 'Content is not allowed in prolog'.",
    fix: "Save the file as UTF-8 without BOM (--fix removes it).",
    example: "EF BB BF then <Context> (Notepad's 'UTF-8' save)",
    fixable: true,
  },
  check(ctx) {
    const { file } = ctx;
    if (!file.hasBom) return;
    const xml = file.kind.endsWith("xml");
    const utf16 = file.encoding.startsWith("utf-16");
    ctx.report({
      line: 1,
      column: 1,
      severity: xml ? "warning" : "error",
      message: utf16
        ? `File is ${file.encoding.toUpperCase()} (Notepad's "Unicode")${xml ? "; Tomcat reads it, most other tools do not" : "; nginx and Redis cannot read it at all"}.`
        : `File starts with a byte-order mark (U+FEFF)${xml ? "; Tomcat accepts it, other XML tools reject it" : "; it becomes part of the first directive"}.`,
      fix: utf16
        ? "Save the file as UTF-8 (without BOM)."
        : "Remove the BOM: save as 'UTF-8' (not 'UTF-8 with BOM').",
    });
  },
};
