import { ARTIFACTS, type ArtifactKey, artifactFileName } from "../artifacts/catalog.js";
import { tomcatVersions } from "../kinds/tomcat.js";
import { type LabDefinition, type LabVariant, nodesOfKind, selectVariant } from "../labs/definition.js";
import { type LabInstance, tomcatNames } from "../orchestrator/discover.js";
import { LABEL_MANAGER, LABEL_VARIANT } from "../runtime/labels.js";
import type { LabFacts, ManagerFlavor } from "./scenario.js";

/** The manager family, from the first jar its Tomcats get (see labs/<lab>/lab.json). */
function flavorOf(jars: readonly string[]): ManagerFlavor {
  if (jars.includes("msmCore")) return "msm";
  if (jars.includes("redisManager")) return "classic-redis";
  if (jars.some((j) => j.startsWith("redisson"))) return "redisson";
  return "none";
}

/** What break scenarios decide by, from a lab variant: its topology, manager and node kinds. */
export function factsOf(v: LabVariant): LabFacts {
  return {
    lab: v.def.name,
    manager: v.managerName,
    flavor: flavorOf(v.tomcat.jars),
    tomcatVersion: tomcatVersions(v).tomcat,
    tomcats: nodesOfKind(v, "tomcat").map((n) => n.name),
    stores: v.nodes.filter((n) => n.kind === "memcached" || n.kind === "redis").map((n) => n.name),
    kinds: v.nodes.map((n) => n.kind),
    balancing: nodesOfKind(v, "nginx")[0]?.params.balancing ?? "round-robin",
    jars: v.tomcat.jars.map((k) => artifactFileName(ARTIFACTS[k as ArtifactKey])),
  };
}

/** The variant a running lab was built as, from its labels (manager, Tomcat version, number of Tomcats). */
export function runningVariant(lab: LabInstance, def: LabDefinition): LabVariant {
  const labels = lab.containers[0]?.labels ?? {};
  const tomcat = /@tomcat([0-9.]+)(?: x\d+)?$/.exec(labels[LABEL_VARIANT] ?? "")?.[1];
  return selectVariant(def, {
    manager: labels[LABEL_MANAGER] ?? def.defaultManager,
    tomcat,
    tomcats: tomcatNames(lab).length || undefined,
  });
}
