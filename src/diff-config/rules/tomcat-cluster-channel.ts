import { classNameOf, elementsNamed } from "./helpers.js";
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
      "<Interceptor>, <Membership>, <Receiver> or <Sender> directly under <Cluster> instead of inside its <Channel>",
    why: "Tomcat's digester has rules for these elements only under Cluster/Channel; anywhere else they are skipped without a word. An EncryptInterceptor placed there is silently off and replication travels in clear text; a static Membership there leaves the default multicast membership in place.",
    fix: 'Move the element inside <Channel className="org.apache.catalina.tribes.group.GroupChannel"> (create it if the Cluster has none).',
    example:
      '<Cluster …><Interceptor className="org.apache.catalina.tribes.group.interceptors.EncryptInterceptor" …/></Cluster>',
    fixable: false,
  },
  check(ctx) {
    for (const cluster of elementsNamed(ctx.file, "Cluster")) {
      for (const el of cluster.children) {
        if (!CHANNEL_PARTS.includes(el.name)) continue;
        const cls = classNameOf(el);
        const name = cls ? short(cls) : el.name;
        const effect = /EncryptInterceptor$/.test(cls)
          ? "replication is not encrypted: session data crosses the network in clear text"
          : el.name === "Membership"
            ? "the default multicast membership is used instead"
            : `${name} is silently off`;
        ctx.report({
          offset: el.offset,
          message: `<${el.name}${cls ? ` className="…${name}"` : ""}> directly under <Cluster> is ignored: Tomcat reads ${el.name} only inside <Channel>, so ${effect}.`,
          fix: `Move this <${el.name}> inside the Cluster's <Channel className="org.apache.catalina.tribes.group.GroupChannel">.`,
        });
      }
    }
  },
};
