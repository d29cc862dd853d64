import { inRanges } from "../ranges.js";
import type { Rule } from "../types.js";
import type { XmlElement } from "../xml.js";

/** name="value" (or 'value') in text: an attribute that was written after the tag had already closed. */
const ATTRIBUTE_TEXT = /(?<![\w.:-])([A-Za-z_:][\w.:-]*)\s*=\s*(["'])[^"'<>]*\2/g;

/** Markup ranges that are not element tags: comments, CDATA, processing instructions, end tags. */
function otherMarkup(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[?!][^>]*>?|<\/[^>]*>?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** Sorted, overlapping ranges made disjoint, for inRanges. */
function merge(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s, e] of ranges.sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export const xmlStrayAttribute: Rule = {
  meta: {
    id: "xml-stray-attribute",
    severity: "warning",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      'name="value" text between elements: attributes written after the tag was closed with /> or >',
    why: 'XML reads anything after /> as text content of the parent element, and Tomcat ignores that text without a warning: <Connector … /> followed by secretRequired="true" on the next lines leaves secretRequired at its default.',
    fix: "Move the attributes inside the tag, before its /> (or >).",
    example: '<Connector port="8009" protocol="AJP/1.3" />\n           secretRequired="true" secret="…"',
    fixable: false,
  },
  check(ctx) {
    const doc = ctx.file.xml;
    if (!doc) return;
    const text = ctx.file.text;
    const skip = merge([...doc.tags, ...doc.comments, ...otherMarkup(text)]);
    const tagEnds = doc.tags.map(([start, end]) => ({ start, end }));
    let next = 0;
    const elementAt = new Map<number, XmlElement>(doc.elements.map((e) => [e.offset, e]));
    const reported = new Set<number>();
    ATTRIBUTE_TEXT.lastIndex = 0;
    for (let m = ATTRIBUTE_TEXT.exec(text); m; m = ATTRIBUTE_TEXT.exec(text)) {
      if (inRanges(skip, m.index)) continue;
      // The tag this text follows: the last start tag that ended before it.
      while (next < tagEnds.length && (tagEnds[next]?.end ?? 0) <= m.index) next++;
      const prev = tagEnds[next - 1];
      if (!prev || reported.has(prev.start)) continue;
      // Only text that follows the tag directly (blank space, other stray attributes) is its lost attributes.
      const between = text.slice(prev.end, m.index);
      if (!/^(?:\s|[A-Za-z_:][\w.:-]*\s*=\s*(["'])[^"'<>]*\1)*$/.test(between)) continue;
      reported.add(prev.start);
      const el = elementAt.get(prev.start);
      const closedWith = text.slice(prev.end - 2, prev.end) === "/>" ? "/>" : ">";
      ctx.report({
        offset: m.index,
        length: m[1]?.length,
        message: `${m[0]} comes after <${el?.name ?? "…"}>'s ${closedWith}: XML reads it as text and Tomcat ignores it, so ${m[1]} keeps its default.`,
        fix: `Move ${m[0]}${/\s*=/.test(text.slice(m.index + m[0].length).trimStart()) ? " and the attributes after it" : ""} inside the <${el?.name ?? "…"} …> tag, before its ${closedWith}.`,
      });
    }
  },
};
