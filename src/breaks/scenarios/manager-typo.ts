import { type BreakScenario, LIVE_MANAGER, everyContextXml, replaceOnce } from "../scenario.js";

/** …SessionManager → …SessionManger: the typo as it circulates in copied configs. */
export function misspellManagerClass(text: string): string {
  return replaceOnce(
    text,
    LIVE_MANAGER,
    (m) => m[0].replace(`className="${m[1]}"`, `className="${m[1]!.replace(/Manager$/, "Manger")}"`),
    '<Manager className="…Manager"> element',
  );
}

export const managerTypo: BreakScenario = {
  name: "manager-typo",
  summary: "a misspelt session manager class (…SessionManger) in context.xml",
  appliesTo: "labs with a session manager in context.xml",
  notApplicable: (f) => (f.flavor === "none" ? "this lab runs no session manager in context.xml" : undefined),
  edits: "every Tomcat's conf/context.xml: the Manager's className loses the 'a' of Manager",
  symptom: "ClassNotFoundException when the context starts: the webapp is not served (404)",
  expect: "verify-fails",
  rule: "class-name",
  plan: (f) => ({ files: everyContextXml(f, misspellManagerClass), exec: [], restart: f.tomcats }),
};
