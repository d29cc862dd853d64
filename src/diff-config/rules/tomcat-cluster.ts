import { attr } from "../xml.js";
import { at, classNameOf, elementsNamed, hasPlaceholder, knownManagers } from "./helpers.js";
import { versionAtLeast } from "./catalina-compat.js";
import { STATIC_SERVICE } from "./cluster-helpers.js";
import type { Rule } from "../types.js";

const UNIQUE_ID = /^\{\s*-?\d+(?:\s*,\s*-?\d+){15}\s*\}$/;

export const tomcatCluster: Rule = {
  meta: {
    id: "tomcat-cluster",
    severity: "error",
    kinds: ["server-xml", "context-xml"],
    layer: "meaning",
    description:
      "Tomcat cluster (SimpleTcpCluster) mistakes: static members without host/port/16-byte uniqueId, channelStartOptions changed with StaticMembershipService, StaticMembershipService before Tomcat 9.0.11, a session-store Manager that overrides the cluster's",
    why: "Static membership needs every member's host, port and a 16-byte uniqueId and the default channelStartOptions (15); Tomcat 7/8.5 have no StaticMembershipService (ClassNotFoundException); a <Manager> in context.xml takes priority over the Cluster's DeltaManager, so replication silently stops.",
    fix: "Follow the cluster-howto for your Tomcat version, and do not combine a cluster with msm/Redis managers in context.xml.",
    example: '<Member className="…StaticMember" host="10.0.0.11" uniqueId="{0,0,1}"/>',
    fixable: false,
  },
  check(ctx) {
    const { file } = ctx;
    if (file.kind === "context-xml") {
      const clustered = ctx.files.find(
        (f) => f.kind === "server-xml" && elementsNamed(f, "Cluster").length > 0,
      );
      const store = knownManagers(file)[0];
      if (clustered && store) {
        ctx.report({
          offset: store.el.offset,
          severity: "warning",
          message: `This Manager overrides the replication manager of the Cluster in ${clustered.path} for every webapp: sessions go to the store, the cluster replicates nothing.`,
          fix: "Use either the cluster or a session store, not both.",
        });
      }
      return;
    }
    for (const cluster of elementsNamed(file, "Cluster")) {
      const members = file.xml?.elements.filter((e) => e.name === "Member" || e.name === "LocalMember") ?? [];
      const staticService = file.xml?.elements.find(
        (e) => e.name === "Membership" && classNameOf(e) === STATIC_SERVICE,
      );
      const startOptions = attr(cluster, "channelStartOptions");
      if (
        staticService &&
        startOptions &&
        startOptions.value.trim() !== "15" &&
        !hasPlaceholder(startOptions.value)
      ) {
        ctx.report({
          offset: startOptions.valueOffset,
          message: `channelStartOptions="${startOptions.value}" with StaticMembershipService: it must stay at the default 15.`,
          fix: "Remove channelStartOptions.",
        });
      }
      const tomcat = ctx.versions.tomcat;
      // "9" alone (a major, as --tomcat may give it) says nothing about 9.0.11.
      if (staticService && tomcat && tomcat.split(".").length >= 3) {
        if (!versionAtLeast(tomcat, [9, 0, 11])) {
          ctx.report({
            offset: at(staticService, "className"),
            message: `StaticMembershipService does not exist in Tomcat ${tomcat} (added in 9.0.11).`,
            fix: 'Use StaticMembershipInterceptor after TcpFailureDetector and channelStartOptions="3".',
          });
        }
      }
      for (const m of members) {
        const missing = ["host", "port"].filter((a) => !attr(m, a));
        const id = attr(m, "uniqueId");
        if (missing.length > 0) {
          ctx.report({
            offset: m.offset,
            message: `<${m.name}> without ${missing.join(" and ")}: the member cannot be reached.`,
            fix: `Add ${missing.map((a) => `${a}="…"`).join(" ")}.`,
          });
        }
        if (!id || (!UNIQUE_ID.test(id.value) && !hasPlaceholder(id.value))) {
          // Static members inside Tomcat 7/8.5's StaticMembershipInterceptor: the reference confirms
          // the 16-byte uniqueId only for 9.0's StaticMembershipService, so a missing one is a warning.
          const interceptor = m.parent?.name === "Interceptor";
          ctx.report({
            offset: id?.valueOffset ?? m.offset,
            severity: !id && interceptor ? "warning" : undefined,
            message: id
              ? `uniqueId="${id.value}" is not 16 bytes in {0,1,…,15} form.`
              : `<${m.name}> without uniqueId.`,
            fix: 'Write uniqueId="{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1}" (a different one per member).',
          });
        }
      }
    }
  },
};
