import { KINDS, type Rule } from "../types.js";

export const invalidUtf8: Rule = {
  meta: {
    id: "invalid-utf8",
    severity: "error",
    kinds: KINDS,
    layer: "characters",
    description: "Bytes that are not valid UTF-8 (a file saved as GBK, Shift-JIS or Latin-1)",
    why: "Tomcat's parser stops with 'Invalid byte 1 of 1-byte UTF-8 sequence'; nginx and Redis pass the raw bytes on as part of names and values.",
    fix: 'Re-save the file as UTF-8, or declare its real encoding in <?xml encoding="..."?>.',
    example: "<!-- 会话共享 --> saved by a Chinese-locale editor as GBK",
    fixable: false,
  },
  check(ctx) {
    const offsets = ctx.file.invalidBytes;
    const first = offsets[0];
    if (first === undefined) return;
    ctx.report({
      offset: first,
      message: `Invalid UTF-8 byte${offsets.length > 1 ? ` (and ${offsets.length - 1} more)` : ""}: the file was saved in another encoding (GBK, Latin-1…).`,
      fix: "Re-save the file as UTF-8 (e.g. iconv -f GBK -t UTF-8), or declare its encoding in the XML declaration.",
    });
  },
};
