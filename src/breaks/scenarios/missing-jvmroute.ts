import type { LabPaths } from "../../labs/lab-paths.js";
import { type BreakScenario, replaceOnce } from "../scenario.js";

/** Drops jvmRoute from the live <Engine> (the distribution's commented-out example keeps its own). */
export function dropJvmRoute(text: string): string {
  return replaceOnce(
    text,
    /<Engine name="Catalina" defaultHost="localhost" jvmRoute="[^"]*">/,
    () => '<Engine name="Catalina" defaultHost="localhost">',
    '<Engine … jvmRoute="…"> element',
  );
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
