import type { Progress } from "../core/output.js";
import type { LabNode, LabVariant, NodeKindName } from "../labs/definition.js";
import type { ImageSpec } from "../labs/images.js";
import type { LabPaths } from "../labs/lab-paths.js";
import type { Role } from "../runtime/labels.js";
import type { ContainerSpec, Runtime } from "../runtime/runtime.js";
import type { StoreLookup } from "../stores/lookup.js";
import type { LabSettings } from "./settings.js";

/** What a kind needs to prepare its nodes: the chosen lab, where files go, and the user's options. */
export interface PrepareContext {
  variant: LabVariant;
  paths: LabPaths;
  settings: LabSettings;
  baseImage: string;
  /** the port on 127.0.0.1 where nginx is published */
  port: number;
  jarsDir?: string;
  mavenRepo?: string;
  signal?: AbortSignal;
  progress: Progress;
  /** template values from the kinds prepared before (e.g. the store's address and password) */
  vars: Record<string, string>;
  /** per-node template values the kinds prepared before give another kind's node (e.g. its local store node) */
  nodeVars: (node: LabNode) => Record<string, string>;
}

/** A kind's part of a lab once prepared: its image, the values it adds, and per-node files and mounts. */
export interface PreparedKind {
  image: ImageSpec;
  /** values the kinds prepared after this one may use in templates */
  vars?: Record<string, string>;
  /** per-node values for the nodes of kinds prepared after this one */
  nodeVars?: (node: LabNode) => Record<string, string>;
  /** files for one node: absolute path in the lab folder → content */
  render(node: LabNode): Map<string, string>;
  /** how one node's container mounts and publishes them; `aliases`: names it answers besides its own */
  container(node: LabNode): Partial<Pick<ContainerSpec, "binds" | "publish" | "capAdd" | "env" | "aliases">>;
}

/** What readiness and verify probes get to look at one running node. */
export interface NodeTarget {
  runtime: Runtime;
  containerId: string;
  node: LabNode;
  paths: LabPaths;
  /** the lab's URL on 127.0.0.1 */
  url: string;
  /** every Tomcat of the lab, by node name */
  tomcats: string[];
}

/** A running store node a session may be read from. */
export interface StoreNode {
  node: LabNode;
  containerId: string;
  containerName: string;
  state: string;
}

/** Stores also know how to read a session back and which of their nodes should hold it. */
export interface StoreOps {
  /** the node that should hold this session id (e.g. msm's -nX part), else every node in order */
  candidates(nodes: StoreNode[], sessionId: string): StoreNode[];
  lookup(runtime: Runtime, node: StoreNode, key: string, paths: LabPaths): Promise<StoreLookup>;
}

/**
 * One kind of node (tomcat, nginx, memcached, redis): its image, its rendering, its readiness wait,
 * and for stores how to read a session back. Registered in kinds/index.ts.
 */
export interface NodeKind {
  name: NodeKindName;
  role: Role;
  /** stores are prepared and started first, then Tomcats, then nginx, which needs them all */
  order: number;
  prepare(ctx: PrepareContext, nodes: LabNode[]): Promise<PreparedKind>;
  ready(target: NodeTarget): Promise<boolean>;
  /**
   * Called on this node after another node of the lab was started again (drills, verify's failover):
   * a restarted container may come back with another address, which e.g. nginx must look up anew.
   */
  afterPeerRestart?(target: NodeTarget, restarted: LabNode[]): Promise<void>;
  store?: StoreOps;
}
