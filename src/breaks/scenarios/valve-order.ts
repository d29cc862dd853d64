import { type BreakScenario, EditNotPossible, everyContextXml } from "../scenario.js";

const HANDLER_VALVE = /^[ \t]*<Valve className="[^"]*\.RedisSessionHandlerValve"[^>]*\/>[ \t]*\n/m;
const CLASSIC_MANAGER = /<Manager className="[^"]*\.RedisSessionManager"[^>]*\/>[ \t]*\n/;

/** The classic manager's RedisSessionHandlerValve moved from before the Manager to after it. */
export function valveAfterManager(text: string): string {
  const valve = HANDLER_VALVE.exec(text);
  if (!valve) throw new EditNotPossible("no RedisSessionHandlerValve line found");
  const without = text.slice(0, valve.index) + text.slice(valve.index + valve[0].length);
  const manager = CLASSIC_MANAGER.exec(without);
  if (!manager || manager.index < valve.index)
    throw new EditNotPossible("no RedisSessionManager after the valve found");
  const end = manager.index + manager[0].length;
  return without.slice(0, end) + valve[0] + without.slice(end);
}

export const valveOrder: BreakScenario = {
  name: "valve-order",
  summary: "the classic Redis manager's Valve after its Manager in context.xml",
  appliesTo: "labs running the classic tomcat-redis-session-manager (Tomcat 7)",
  notApplicable: (f) =>
    f.flavor !== "classic-redis"
      ? "this lab does not run the classic tomcat-redis-session-manager"
      : undefined,
  edits: "every Tomcat's conf/context.xml: the RedisSessionHandlerValve line moved below the Manager",
  symptom:
    "none visible on Tomcat 7.0.109: the valve is in the pipeline before the manager starts, whatever the order; the manager's README still requires it first",
  expect: "verify-passes",
  rule: "redis-manager-valve",
  plan: (f) => ({ files: everyContextXml(f, valveAfterManager), exec: [], restart: f.tomcats }),
};
