import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { SessionlabError } from "../core/errors.js";
import {
  type ManagerDefinition,
  type NodeGroup,
  type TomcatChoice,
  type Topology,
  readTopology,
} from "./topology.js";

export type { ManagerDefinition, TomcatChoice } from "./topology.js";

/** Folder holding the built-in labs (`labs/<name>/lab.json`), shipped next to dist/. */
export const LABS_ROOT = fileURLToPath(new URL("../../labs/", import.meta.url));
export const TOPOLOGY_FILE = "lab.json";

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
  nodes: LabNode[];
}

export function listLabNamesSync(): string[] {
  return readdirSync(LABS_ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(LABS_ROOT, e.name, TOPOLOGY_FILE)))
    .map((e) => e.name)
    .sort();
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

export function nodeGroupOf(def: Topology, kind: NodeKindName): [string, NodeGroup] | undefined {
  return Object.entries(def.nodes).find(([, g]) => g.kind === kind);
}

/** The store kind of a lab (memcached or redis), or undefined for a lab without a store. */
export function storeKindOf(def: Topology): NodeKindName | undefined {
  return Object.values(def.nodes).find((g) => g.kind === "memcached" || g.kind === "redis")?.kind;
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
      nodes.push({ name, kind: g.kind, index: i + 1, params });
    });
  }
  return nodes;
}

export const MIN_TOMCATS = 2;
export const MAX_TOMCATS = 5;

/** Picks the manager, Tomcat version and number of Tomcats, refusing unknown ones with the valid list. */
export function selectVariant(
  def: LabDefinition,
  opts: { manager?: string; tomcat?: string; tomcats?: number },
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
  return { def, managerName, manager, tomcatVersion, tomcat, nodes: expandNodes(def, opts.tomcats) };
}

export function nodesOfKind(v: LabVariant, kind: NodeKindName): LabNode[] {
  return v.nodes.filter((n) => n.kind === kind);
}

/** What identifies a running lab's build, so `up` can tell "already running" from "changed". */
export function variantLabel(v: LabVariant): string {
  const n = nodesOfKind(v, "tomcat").length;
  return `${v.def.name}/${v.managerName}@tomcat${v.tomcatVersion}${n === 2 ? "" : ` x${n}`}`;
}
