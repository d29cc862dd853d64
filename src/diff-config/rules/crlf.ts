import type { Rule } from "../types.js";

export const crlf: Rule = {
  meta: {
    id: "crlf",
    severity: "warning",
    kinds: ["nginx", "redis", "text"],
    layer: "characters",
    description: "Windows (CRLF) line endings in a file read on Linux",
    why: "nginx and Redis trim the CR at a line's end, but a CR left inside a quoted value, an include path or a shell snippet copied from the file becomes part of it; mixed endings also make diffs and sed edits misbehave. (XML parsers normalise CRLF, so XML files are not checked.)",
    fix: "Convert to LF: dos2unix FILE, or sed -i 's/\\r$//' FILE.",
    example: "requirepass s3cret\\r\\n (a redis.conf edited in Notepad)",
    fixable: false,
  },
  check(ctx) {
    const { text } = ctx.file;
    const first = text.indexOf("\r\n");
    if (first < 0) return;
    let count = 0;
    for (let i = first; i >= 0; i = text.indexOf("\r\n", i + 2)) count++;
    ctx.report({
      offset: first,
      message: `Windows line ending (CR LF) on ${count === 1 ? "this line" : `${count} lines, first here`}.`,
      fix: "Convert the file to LF line endings: dos2unix FILE.",
    });
  },
};
