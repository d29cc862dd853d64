import { type BreakScenario, LIVE_MANAGER, everyContextXml, replaceOnce } from "../scenario.js";

/** sticky="false" → sticky="false " (a space typed before the closing quote). */
export function padStickyValue(text: string): string {
  return replaceOnce(
    text,
    LIVE_MANAGER,
    (m) => replaceOnce(m[0], /sticky="(true|false)"/, (s) => `sticky="${s[1]} "`, "sticky attribute"),
    "<Manager className=…> element",
  );
}

export const stickySpace: BreakScenario = {
  name: "sticky-space",
  summary: 'sticky="false " (a trailing space) on memcached-session-manager in non-sticky mode',
  appliesTo: "labs running memcached-session-manager non-sticky (nginx round robin)",
  notApplicable: (f) =>
    f.flavor !== "msm"
      ? "this lab does not run memcached-session-manager"
      : f.balancing === "route-sticky"
        ? 'this lab runs msm sticky (sticky="true"); the slip is shown on a non-sticky msm lab'
        : undefined,
  edits: 'every Tomcat\'s conf/context.xml: sticky="false" becomes sticky="false "',
  symptom:
    'none visible: Boolean.valueOf("false ") is false, so the lab still works, by luck; the same slip in "true " turns sticky off',
  expect: "verify-passes",
  rule: "value-whitespace",
  plan: (f) => ({ files: everyContextXml(f, padStickyValue), exec: [], restart: f.tomcats }),
};
