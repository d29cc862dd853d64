import { ARTIFACTS, type ArtifactKey, artifactFileName } from "../artifacts/catalog.js";
import { managerFlavor } from "../kinds/settings.js";
import { tomcatVersions } from "../kinds/tomcat.js";
import { type LabDefinition, type LabVariant, nodesOfKind, selectVariant } from "../labs/definition.js";
import { SessionlabError } from "../core/errors.js";
import { type LabInstance, resolveLab, tomcatNames } from "../orchestrator/discover.js";
import { connectRuntime } from "../runtime/connect.js";
import type { Runtime } from "../runtime/runtime.js";
import { labDefinitionOf } from "../verify/store-check.js";
import { LABEL_MANAGER, LABEL_VARIANT } from "../runtime/labels.js";
import type { LabFacts } from "./scenario.js";

/** What break scenarios decide by, from a lab variant: its topology, manager and node kinds. */
export function factsOf(v: LabVariant): LabFacts {
  return {
    lab: v.def.name,
    manager: v.managerName,
    flavor: managerFlavor(v),
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

export interface RunningLab {
  runtime: Runtime;
  lab: LabInstance;
  variant: LabVariant;
  facts: LabFacts;
}

/** The running lab break and fix work on: its containers, its definition and the variant it runs. */
export async function runningLab(name: string | undefined, runtime?: Runtime): Promise<RunningLab> {
  const rt = runtime ?? (await connectRuntime());
  const lab = await resolveLab(rt, name);
  const def = await labDefinitionOf(lab);
  if (!def || !lab.dir || !lab.containers.length)
    throw new SessionlabError(
      `lab ${lab.instance} has no containers or no recorded lab folder`,
      "recreate it with `sessionlab up`",
    );
  const variant = runningVariant(lab, def);
  return { runtime: rt, lab, variant, facts: factsOf(variant) };
}
