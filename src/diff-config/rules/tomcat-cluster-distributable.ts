import { basename, dirname } from "node:path";
import { elementsNamed } from "./helpers.js";
import type { Rule } from "../types.js";

export const tomcatClusterDistributable: Rule = {
  meta: {
    id: "tomcat-cluster-distributable",
    severity: "error",
    kinds: ["web-xml"],
    layer: "meaning",
    description:
      "A webapp's WEB-INF/web.xml without <distributable/> in a deployment whose server.xml has a <Cluster> (files linted together)",
    why: "Tomcat's cluster replicates only the sessions of webapps marked <distributable/>: for any other webapp the Cluster's manager is not used, its sessions stay on the Tomcat that created them, and after a failover or on the next round-robin request the user has a new, empty session. Nothing is logged.",
    fix: "Add <distributable/> as a child of <web-app> in the webapp's WEB-INF/web.xml.",
    example:
      '<web-app …><session-config>…</session-config></web-app>  with  <Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster"/>',
    fixable: false,
  },
  check(ctx) {
    const { file } = ctx;
    // conf/web.xml holds every webapp's defaults; a webapp is marked distributable in its own web.xml.
    if (basename(dirname(file.path)) === "conf") return;
    const webApp = file.xml?.roots.find((r) => r.name === "web-app");
    if (!webApp || webApp.children.some((c) => c.name === "distributable")) return;
    const clustered = ctx.files.find(
      (f) => f.kind === "server-xml" && elementsNamed(f, "Cluster").length > 0,
    );
    if (!clustered) return;
    ctx.report({
      offset: webApp.offset,
      message: `This webapp is not marked <distributable/>, so the Cluster in ${clustered.path} replicates none of its sessions: each stays on the Tomcat that created it, and a request that reaches another Tomcat (failover, round robin) gets a new, empty session.`,
      fix: "Add <distributable/> inside <web-app> (e.g. on the line after the <web-app …> start tag).",
    });
  },
};
