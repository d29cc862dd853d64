import { TRANSCODERS } from "../../kinds/settings.js";
import { type BreakScenario, LIVE_MANAGER, everyContextXml, replaceOnce } from "../scenario.js";

/** msm's transcoderFactoryClass switched to the kryo serializer, as many msm guides recommend. */
export function useKryo(text: string): string {
  return replaceOnce(
    text,
    LIVE_MANAGER,
    (m) =>
      replaceOnce(
        m[0],
        /transcoderFactoryClass="[^"]*"/,
        () => `transcoderFactoryClass="${TRANSCODERS.kryo}"`,
        "transcoderFactoryClass attribute",
      ),
    "<Manager className=…> element",
  );
}

export const kryoJava17: BreakScenario = {
  name: "kryo-java17",
  summary: "msm's kryo serializer on the lab's Java 17",
  appliesTo: "labs running memcached-session-manager",
  notApplicable: (f) => (f.flavor !== "msm" ? "this lab does not run memcached-session-manager" : undefined),
  edits: "every Tomcat's conf/context.xml: transcoderFactoryClass becomes msm's KryoTranscoderFactory",
  symptom:
    "the manager cannot start its serializer (kryo 0.41 fails on Java 9+, and its jars are not in lib/): the webapp is not served",
  expect: "verify-fails",
  rule: "catalina-compat",
  plan: (f) => ({ files: everyContextXml(f, useKryo), exec: [], restart: f.tomcats }),
};
