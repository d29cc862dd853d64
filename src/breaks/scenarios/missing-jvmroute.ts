import type { LabPaths } from "../../labs/lab-paths.js";
import { type BreakScenario, EditNotPossible } from "../scenario.js";

const ENGINE_WITH_ROUTE = /<Engine name="Catalina" defaultHost="localhost" jvmRoute="[^"]*">/g;

/** Whether `offset` lies inside an XML comment. */
function inComment(text: string, offset: number): boolean {
  return text.lastIndexOf("<!--", offset) > text.lastIndexOf("-->", offset);
}

/** Drops jvmRoute from the live <Engine>, not from the distribution's commented-out example. */
export function dropJvmRoute(text: string): string {
  const live = [...text.matchAll(ENGINE_WITH_ROUTE)].find((m) => !inComment(text, m.index));
  if (!live) throw new EditNotPossible('no live <Engine … jvmRoute="…"> element found');
  const engine = '<Engine name="Catalina" defaultHost="localhost">';
  return text.slice(0, live.index) + engine + text.slice(live.index + live[0].length);
}

export const missingJvmRoute: BreakScenario = {
  name: "missing-jvmroute",
  summary: "server.xml without jvmRoute where nginx routes by it",
  appliesTo: "labs whose nginx routes requests by the session id's jvmRoute (route-sticky balancing)",
  notApplicable: (f) =>
    f.balancing !== "route-sticky"
      ? `nginx here balances ${f.balancing}, not by route: a missing jvmRoute changes nothing visible`
      : undefined,
  edits: 'every Tomcat\'s conf/server.xml: jvmRoute="…" removed from <Engine>',
  symptom:
    "session ids carry no .tomcatN route, nginx's route map never matches and requests of one session spread over the Tomcats",
  expect: "verify-fails",
  rule: "jvmroute-missing",
  plan: (f) => ({
    files: f.tomcats.map((t) => ({ path: (p: LabPaths) => p.serverXml(t), edit: dropJvmRoute })),
    exec: [],
    restart: f.tomcats,
  }),
};
