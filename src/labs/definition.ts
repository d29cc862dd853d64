import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { SessionlabError } from "../core/errors.js";
import { LABS_ROOT, MAX_TOMCATS, MIN_TOMCATS, TOPOLOGY_FILE, listLabNamesSync } from "./lab-names.js";
import {
  type ManagerDefinition,
  type MembershipChoice,
  type NodeGroup,
  type TomcatChoice,
  type Topology,
  readTopology,
} from "./topology.js";

export type { ManagerDefinition, MembershipChoice, TomcatChoice } from "./topology.js";

// Re-exported from a module without the schema (zod), so command definitions and --help load fast.
export { LABS_ROOT, MAX_TOMCATS, MIN_TOMCATS, TOPOLOGY_FILE, listLabNamesSync } from "./lab-names.js";

export type NodeKindName = NodeGroup["kind"];

export interface LabDefinition extends Topology {
  /** Absolute path of the lab's definition folder (its topology file and templates). */
  dir: string;
  /** a lab folder the user made with `init`, rather than one of sessionlab's own */
  userFolder: boolean;
}

/** One container of a lab, expanded from its node group. */
export interface LabNode {
  /** e.g. tomcat2, memcached1, nginx */
  name: string;
  kind: NodeKindName;
  /** 1-based position within its group */
  index: number;
  /** per-node values templates may use as {{name}} */
  params: Record<string, string>;
}

/** A lab with its manager, Tomcat version and number of Tomcats chosen: what `up` builds. */
export interface LabVariant {
  def: LabDefinition;
  managerName: string;
  manager: ManagerDefinition;
  tomcatVersion: string;
  tomcat: TomcatChoice;
  /** how cluster members find each other, for a manager with Tomcat's own cluster */
  membership?: { name: string } & MembershipChoice;
  nodes: LabNode[];
}

/** A path-like argument (./x, /x, x/y) or an existing folder with a topology file is a lab folder. */
export function looksLikeFolder(arg: string): boolean {
  return /[/\\]/.test(arg) || arg === "." || arg === "..";
}

/** Loads a built-in lab by name, or a lab folder (one `sessionlab init` wrote) by path. */
export async function loadLab(nameOrDir: string): Promise<LabDefinition> {
  const names = listLabNamesSync();
  if (names.includes(nameOrDir) && !looksLikeFolder(nameOrDir)) {
    const dir = join(LABS_ROOT, nameOrDir);
    return { ...(await readTopology(join(dir, TOPOLOGY_FILE))), dir, userFolder: false };
  }
  const dir = resolve(nameOrDir);
  const isDir = existsSync(dir) && statSync(dir).isDirectory();
  if (isDir && existsSync(join(dir, TOPOLOGY_FILE))) {
    return { ...(await readTopology(join(dir, TOPOLOGY_FILE))), dir, userFolder: true };
  }
  if (isDir) {
    throw new SessionlabError(
      `${dir} has no ${TOPOLOGY_FILE}`,
      `make a lab folder with \`sessionlab init <lab> ${nameOrDir}\`, or name a lab: ${names.join(", ")}`,
    );
  }
  throw new SessionlabError(`unknown lab "${nameOrDir}"`, `choose one of: ${names.join(", ")}`);
}

/** Expands node groups into containers: a group with `count` gives <name>1…<name>N. */
export function expandNodes(def: Topology, tomcats?: number): LabNode[] {
  const nodes: LabNode[] = [];
  for (const [group, g] of Object.entries(def.nodes)) {
    const n = g.kind === "tomcat" ? (tomcats ?? g.count) : "count" in g ? g.count : undefined;
    const names = n === undefined ? [group] : Array.from({ length: n }, (_, i) => `${group}${i + 1}`);
    names.forEach((name, i) => {
      const params: Record<string, string> = { node: name, index: String(i + 1) };
      if (g.kind === "tomcat") params.jvmRoute = name;
      if (g.kind === "nginx") params.balancing = g.balancing;
      nodes.push({ name, kind: g.kind, index: i + 1, params });
    });
  }
  return nodes;
}


/** Picks the manager, Tomcat version and number of Tomcats, refusing unknown ones with the valid list. */
export function selectVariant(
  def: LabDefinition,
  opts: { manager?: string; tomcat?: string; tomcats?: number; membership?: string },
): LabVariant {
  const managerName = opts.manager ?? def.defaultManager;
  const manager = def.managers[managerName];
  if (!manager) {
    throw new SessionlabError(
      `lab ${def.name} has no manager "${managerName}"`,
      `choose one of: ${Object.keys(def.managers).join(", ")}`,
    );
  }
  const tomcatVersion = opts.tomcat ?? manager.defaultTomcat;
  const tomcat = manager.tomcat[tomcatVersion];
  if (!tomcat) {
    throw new SessionlabError(
      `the ${managerName} manager of lab ${def.name} does not run on Tomcat ${tomcatVersion}`,
      `choose one of: ${Object.keys(manager.tomcat).join(", ")}`,
    );
  }
  if (opts.tomcats !== undefined && (opts.tomcats < MIN_TOMCATS || opts.tomcats > MAX_TOMCATS)) {
    throw new SessionlabError(
      `--tomcats ${opts.tomcats} is out of range`,
      `choose ${MIN_TOMCATS} to ${MAX_TOMCATS} Tomcats`,
    );
  }
  return {
    def,
    managerName,
    manager,
    tomcatVersion,
    tomcat,
    membership: selectMembership(def, manager, opts.membership),
    nodes: expandNodes(def, opts.tomcats),
  };
}

/** The membership of a clustered manager: the one asked for, else the lab's default. */
function selectMembership(
  def: LabDefinition,
  manager: ManagerDefinition,
  asked: string | undefined,
): LabVariant["membership"] {
  const choices = manager.serverCluster ? def.membership?.choices : undefined;
  if (!choices) {
    if (asked === undefined) return undefined;
    throw new SessionlabError(
      `--membership applies to Tomcat's own cluster, which ${def.name} does not run`,
      "drop --membership, or use a lab with a cluster (sessionlab up cluster)",
    );
  }
  const name = asked ?? def.membership!.default;
  const choice = choices[name];
  if (!choice)
    throw new SessionlabError(
      `lab ${def.name} has no membership "${name}"`,
      `choose one of: ${Object.keys(choices).join(", ")}`,
    );
  return { name, ...choice };
}

export function nodesOfKind(v: LabVariant, kind: NodeKindName): LabNode[] {
  return v.nodes.filter((n) => n.kind === kind);
}

/** What identifies a running lab's build, so `up` can tell "already running" from "changed". */
export function variantLabel(v: LabVariant): string {
  const n = nodesOfKind(v, "tomcat").length;
  const membership = v.membership ? ` ${v.membership.name}` : "";
  return `${v.def.name}/${v.managerName}@tomcat${v.tomcatVersion}${n === 2 ? "" : ` x${n}`}${membership}`;
}
