import {
  BACKUP_MANAGER,
  clusterManager,
  DELTA_MANAGER,
  REPLICATION_VALVE,
  short,
} from "./cluster-helpers.js";
import { classNameOf, elementsNamed, hasPlaceholder } from "./helpers.js";
import type { Rule } from "../types.js";

export const tomcatClusterReplicationValve: Rule = {
  meta: {
    id: "tomcat-cluster-replication-valve",
    severity: "error",
    kinds: ["server-xml", "xml"],
    layer: "meaning",
    description:
      "A Cluster with DeltaManager (explicit or Tomcat's default) or BackupManager that lists Valves but no ReplicationValve",
    why: "SimpleTcpCluster adds its default valves (ReplicationValve and JvmRouteBinderValve) only when the Cluster lists none. With other Valves listed and no ReplicationValve, nothing sends a request's session changes at its end: DeltaManager replicates only the creation and expiry of a session, BackupManager's backup keeps the state the session had when it was created. After a failover the session is there, its attributes are not.",
    fix: 'Add <Valve className="org.apache.catalina.ha.tcp.ReplicationValve" filter=""/> inside the <Cluster>.',
    example:
      '<Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster"><Valve className="org.apache.catalina.ha.session.JvmRouteBinderValve"/></Cluster>',
    fixable: false,
  },
  check(ctx) {
    // A ReplicationValve in the Engine's or a Host's pipeline finds the cluster too.
    const valves = elementsNamed(ctx.file, "Valve").map(classNameOf);
    if (valves.some((c) => c === REPLICATION_VALVE || hasPlaceholder(c))) return;
    for (const cluster of elementsNamed(ctx.file, "Cluster")) {
      const listed = cluster.children.filter((c) => c.name === "Valve");
      if (listed.length === 0) continue;
      const manager = clusterManager(cluster);
      const delta = manager.className === DELTA_MANAGER;
      if (!delta && manager.className !== BACKUP_MANAGER) continue;
      const names = listed.map((v) => short(classNameOf(v)) || "Valve").join(", ");
      const which = manager.el ? short(manager.className) : "DeltaManager (the Cluster's default manager)";
      const effect = delta
        ? "session attributes set or changed after a session's creation are never replicated, only its creation and expiry"
        : "the backup node keeps each session as it was created: attributes set or changed later are never replicated";
      ctx.report({
        offset: cluster.offset,
        message: `This Cluster lists ${names} but no ReplicationValve, and Tomcat adds its default valves only when the Cluster lists none: with ${which}, ${effect}.`,
        fix: 'Add <Valve className="org.apache.catalina.ha.tcp.ReplicationValve" filter=""/> inside the <Cluster>, beside the other Valves.',
      });
    }
  },
};
