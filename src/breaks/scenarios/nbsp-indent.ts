import { type BreakScenario, EditNotPossible, LIVE_MANAGER, everyContextXml } from "../scenario.js";

/**
 * Indentation copied from a web page: the continuation line of the Manager element starts with
 * no-break spaces (HTML's &nbsp;), which XML does not take as whitespace.
 */
export function pasteNoBreakIndent(text: string, space = "\u00a0"): string {
  const m = LIVE_MANAGER.exec(text);
  if (!m) throw new EditNotPossible("no <Manager className=…> element found");
  const el = m[0];
  const nl = el.indexOf("\n");
  if (nl < 0) throw new EditNotPossible("the Manager element has no second line to indent");
  const indent = /^[ \t]+/.exec(el.slice(nl + 1))?.[0];
  if (!indent) throw new EditNotPossible("the Manager element's second line is not indented");
  const broken = el.slice(0, nl + 1) + space.repeat(indent.length) + el.slice(nl + 1 + indent.length);
  return text.slice(0, m.index) + broken + text.slice(m.index + el.length);
}

export const nbspIndent: BreakScenario = {
  name: "nbsp-indent",
  summary: "no-break spaces pasted from a web page as the Manager's indentation in context.xml",
  appliesTo: "labs with a session manager in context.xml",
  notApplicable: (f) => (f.flavor === "none" ? "this lab runs no session manager in context.xml" : undefined),
  edits: "every Tomcat's conf/context.xml: the Manager element's second line indented with U+00A0",
  symptom: "context.xml is not well-formed XML: Tomcat cannot start the webapp, every request answers 404",
  expect: "verify-fails",
  rule: "unicode-space",
  plan: (f) => ({ files: everyContextXml(f, (t) => pasteNoBreakIndent(t)), exec: [], restart: f.tomcats }),
};
