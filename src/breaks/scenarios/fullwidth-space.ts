import { type BreakScenario, EditNotPossible, LIVE_MANAGER, everyContextXml } from "../scenario.js";

/** An ideographic space (U+3000, typed with a CJK input method on) between two Manager attributes. */
export function typeFullWidthSpace(text: string): string {
  const m = LIVE_MANAGER.exec(text);
  if (!m) throw new EditNotPossible("no <Manager className=…> element found");
  const el = m[0];
  // the first space between a closing quote and the next attribute name
  const gap = /" (?=[A-Za-z])/.exec(el);
  if (!gap) throw new EditNotPossible("the Manager element has no second attribute");
  const broken = `${el.slice(0, gap.index + 1)}\u3000${el.slice(gap.index + 2)}`;
  return text.slice(0, m.index) + broken + text.slice(m.index + el.length);
}

export const fullwidthSpace: BreakScenario = {
  name: "fullwidth-space",
  summary: "a full-width (ideographic) space between two Manager attributes in context.xml",
  appliesTo: "labs with a session manager in context.xml",
  notApplicable: (f) => (f.flavor === "none" ? "this lab runs no session manager in context.xml" : undefined),
  edits: "every Tomcat's conf/context.xml: the space after the Manager's first attribute becomes U+3000",
  symptom: "context.xml is not well-formed XML: Tomcat cannot start the webapp, every request answers 404",
  expect: "verify-fails",
  rule: "unicode-space",
  plan: (f) => ({ files: everyContextXml(f, typeFullWidthSpace), exec: [], restart: f.tomcats }),
};
