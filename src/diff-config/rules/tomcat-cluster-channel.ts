import { classNameOf, elementsNamed } from "./helpers.js";
import type { XmlElement } from "../xml.js";
import type { Rule } from "../types.js";

/** Elements Tomcat's ClusterRuleSet reads only as Cluster/Channel/<name>. */
const CHANNEL_PARTS = ["Interceptor", "Membership", "Receiver", "Sender"];

const short = (className: string) => className.split(".").pop() ?? className;

export const tomcatClusterChannel: Rule = {
  meta: {
    id: "tomcat-cluster-channel",
    severity: "error",
    kinds: ["server-xml", "xml"],
    layer: "meaning",
    description:
      "<Interceptor>, <Membership>, <Receiver> or <Sender> in a <Cluster> but not directly inside its <Channel> (directly under <Cluster>, or nested in another element)",
    why: "Tomcat's digester (ClusterRuleSet) has rules for these elements only as Cluster/Channel/<name>; anywhere else they are skipped without a word. An EncryptInterceptor placed there is silently off and replication travels in clear text; a static Membership there leaves the default multicast membership in place.",
    fix: 'Move the element inside <Channel className="org.apache.catalina.tribes.group.GroupChannel"> (create it if the Cluster has none).',
    example:
      '<Cluster …><Interceptor className="org.apache.catalina.tribes.group.interceptors.EncryptInterceptor" …/></Cluster>',
    fixable: false,
  },
  check(ctx) {
    for (const cluster of elementsNamed(ctx.file, "Cluster")) {
      for (const el of descendants(cluster)) {
        if (!CHANNEL_PARTS.includes(el.name) || el.parent?.name === "Channel") continue;
        const where = el.parent === cluster ? "directly under <Cluster>" : `inside <${el.parent?.name}>`;
        const cls = classNameOf(el);
        const name = cls ? short(cls) : el.name;
        const effect = /EncryptInterceptor$/.test(cls)
          ? "replication is not encrypted: session data crosses the network in clear text"
          : el.name === "Membership"
            ? "the default multicast membership is used instead"
            : el.name === "Interceptor"
              ? `${name} is silently off`
              : `its settings are ignored and the Channel's default ${el.name} is used`;
        ctx.report({
          offset: el.offset,
          message: `<${el.name}${cls ? ` className="…${name}"` : ""}> ${where} is ignored: Tomcat reads ${el.name} only inside <Channel>, so ${effect}.`,
          fix: `Move this <${el.name}> inside the Cluster's <Channel className="org.apache.catalina.tribes.group.GroupChannel">.`,
        });
      }
    }
  },
};

/** Every element below el, depth first. */
function descendants(el: XmlElement): XmlElement[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}
