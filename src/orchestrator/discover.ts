import { SessionlabError } from "../core/errors.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import type { LabNode, NodeKindName } from "../labs/definition.js";
import type { StoreNode } from "../kinds/kind.js";
import {
  LABEL_DIR,
  LABEL_KIND,
  LABEL_LAB,
  LABEL_NODE,
  LABEL_NODE_INDEX,
  LABEL_NODE_KIND,
  LABEL_PORT,
  LABEL_ROLE,
} from "../runtime/labels.js";

/** A lab as found on the engine through its labels alone. */
export interface LabInstance {
  instance: string;
  kind: string;
  dir: string;
  port: number;
  url: string;
  containers: LabContainer[];
}

/** Anything labelled by sessionlab: a running container, or the spec it is created from. */
type Labelled = { name: string; image: string; labels: Record<string, string> };

export function nodeOf(c: Labelled): string {
  return c.labels[LABEL_NODE] ?? c.name;
}

export function roleOf(c: Labelled): string {
  return c.labels[LABEL_ROLE] ?? "";
}

/** The lab node a container is, from its labels (labs made before node-kind labels: `fallbackKind`). */
export function labNodeOf(c: LabContainer, fallbackKind?: NodeKindName): LabNode {
  return {
    name: nodeOf(c),
    kind: (c.labels[LABEL_NODE_KIND] ?? fallbackKind) as NodeKindName,
    index: Number(c.labels[LABEL_NODE_INDEX] ?? 1),
    params: {},
  };
}

/** The Tomcats of a running lab, by node name. */
export function tomcatNames(lab: LabInstance): string[] {
  return lab.containers.filter((c) => roleOf(c) === "tomcat").map(nodeOf);
}

/** A running lab's store containers as the store kinds see them. */
export function storeNodesOf(lab: LabInstance, fallbackKind?: NodeKindName): StoreNode[] {
  return lab.containers
    .filter((c) => roleOf(c) === "store")
    .map((c) => ({
      node: labNodeOf(c, fallbackKind),
      containerId: c.id,
      containerName: c.name,
      state: c.state,
    }));
}

/** The part of a container that commands report: the same for `up` and `status`. */
export function containerSummary(c: Labelled): { name: string; role: string; node: string; image: string } {
  return { name: c.name, role: roleOf(c), node: nodeOf(c), image: c.image };
}

export async function listLabs(runtime: Runtime): Promise<LabInstance[]> {
  const byLab = new Map<string, LabContainer[]>();
  for (const c of await runtime.listContainers()) {
    const lab = c.labels[LABEL_LAB];
    if (!lab) continue;
    byLab.set(lab, [...(byLab.get(lab) ?? []), c]);
  }
  // A lab whose containers are gone but whose network is left still exists until `down`.
  const leftovers = new Map<string, Record<string, string>>();
  for (const n of await runtime.listNetworks()) {
    const lab = n.labels[LABEL_LAB];
    if (lab && !byLab.has(lab)) leftovers.set(lab, n.labels);
  }
  const fromNetworks: LabInstance[] = [...leftovers].map(([instance, labels]) => ({
    instance,
    kind: labels[LABEL_KIND] ?? "",
    dir: labels[LABEL_DIR] ?? "",
    port: 0,
    url: "",
    containers: [],
  }));
  const fromContainers = [...byLab.entries()].map(([instance, containers]) => {
    const first = containers[0]!;
    const port = Number(first.labels[LABEL_PORT] ?? 0);
    const order = (c: LabContainer) => ["nginx", "tomcat", "store"].indexOf(roleOf(c));
    return {
      instance,
      kind: first.labels[LABEL_KIND] ?? "",
      dir: first.labels[LABEL_DIR] ?? "",
      port,
      url: `http://127.0.0.1:${port}`,
      containers: containers.sort((a, b) => order(a) - order(b) || nodeOf(a).localeCompare(nodeOf(b))),
    };
  });
  return [...fromContainers, ...fromNetworks].sort((a, b) => a.instance.localeCompare(b.instance));
}

export function severalLabsError(labs: LabInstance[], hint: string): SessionlabError {
  return new SessionlabError(`several labs exist: ${labs.map((l) => l.instance).join(", ")}`, hint);
}

/** The lab a command acts on: the one named, or the only one there is. */
export async function resolveLab(runtime: Runtime, name?: string): Promise<LabInstance> {
  const labs = await listLabs(runtime);
  if (name) {
    const lab = labs.find((l) => l.instance === name);
    if (!lab) {
      throw new SessionlabError(
        `no lab named "${name}" exists`,
        labs.length
          ? `existing labs: ${labs.map((l) => l.instance).join(", ")}`
          : "start one with `sessionlab up memcached`",
      );
    }
    return lab;
  }
  if (labs.length === 1) return labs[0]!;
  if (!labs.length) {
    throw new SessionlabError(
      "no sessionlab lab exists on this Docker engine",
      "start one with `sessionlab up memcached`, or check any deployment with `sessionlab verify --url URL`",
    );
  }
  throw severalLabsError(labs, "name the one you mean with --lab NAME");
}
