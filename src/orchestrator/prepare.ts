import { SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import { KINDS } from "../kinds/index.js";
import type { NodeKind, PreparedKind } from "../kinds/kind.js";
import { type LabSettings, managerFlavor } from "../kinds/settings.js";
import type { LabNode, LabVariant } from "../labs/definition.js";
import type { ImageSpec } from "../labs/images.js";
import type { LabPaths } from "../labs/lab-paths.js";

export { TRANSCODERS, type LabSettings, type Serializer } from "../kinds/settings.js";

export interface PrepareOptions extends LabSettings {
  port: number;
  jarsDir?: string;
  mavenRepo?: string;
  baseImage: string;
  signal?: AbortSignal;
  progress: Progress;
}

/** One kind's nodes of the lab, prepared. */
export interface PreparedGroup {
  kind: NodeKind;
  nodes: LabNode[];
  prepared: PreparedKind;
}

export interface Prepared {
  /** every file the lab renders: absolute path → content */
  files: Map<string, string>;
  /** in start order: stores, Tomcats, nginx */
  groups: PreparedGroup[];
  images: ImageSpec[];
}

/**
 * Refuses option combinations that cannot work, before anything is downloaded or built.
 * msm 2.3.2's kryo serializer dies on Java 9+ (NoSuchFieldException: parentOffset, reference §1.9),
 * and the lab's Debian base ships Java 17 only, so there is no runtime it could work on here.
 */
export function checkOptions(v: LabVariant, opts: Partial<LabSettings>): void {
  if (opts.serializer === "kryo") {
    if (managerFlavor(v) !== "msm") {
      throw new SessionlabError(
        `--serializer applies to memcached-session-manager, which ${v.def.name}/${v.managerName} does not run`,
        "drop --serializer",
      );
    }
    throw new SessionlabError(
      "--serializer kryo cannot work in this lab: msm 2.3.2's kryo serializer (kryo-serializers 0.41) fails on Java 9+ " +
        "with NoSuchFieldException: parentOffset, and the lab's Debian bookworm image has Java 17 only (no Java 8 package)",
      "use the default --serializer java, which msm 2.3.2 runs on Java 17",
    );
  }
  const redissonOnly =
    (opts.readMode && opts.readMode !== "REDIS") || (opts.updateMode && opts.updateMode !== "DEFAULT");
  if (redissonOnly && managerFlavor(v) !== "redisson") {
    throw new SessionlabError(
      "--read-mode and --update-mode apply to the Redisson manager",
      "add --manager redisson",
    );
  }
  if (opts.redisPassword !== undefined && !v.nodes.some((n) => n.kind === "redis")) {
    throw new SessionlabError(
      `--redis-password applies to a lab with Redis, not "${v.def.name}"`,
      "drop --redis-password",
    );
  }
  if (opts.redisPassword !== undefined && !/^[A-Za-z0-9_.~-]{8,128}$/.test(opts.redisPassword)) {
    throw new SessionlabError(
      "--redis-password must be 8-128 characters of letters, digits, _ . ~ -",
      "these need no escaping in redis.conf, context.xml or a redis:// URL",
    );
  }
}

/** The lab's nodes grouped by kind, in the order they are prepared and started. */
export function groupsOf(v: LabVariant): Array<{ kind: NodeKind; nodes: LabNode[] }> {
  const kinds = [...new Set(v.nodes.map((n) => n.kind))].map((k) => KINDS[k]);
  return kinds
    .sort((a, b) => a.order - b.order)
    .map((kind) => ({ kind, nodes: v.nodes.filter((n) => n.kind === kind.name) }));
}

/** Has every kind prepare its nodes (downloads, images, templates) and renders the lab's files. */
export async function prepareLab(v: LabVariant, paths: LabPaths, opts: PrepareOptions): Promise<Prepared> {
  const { progress, signal, baseImage, jarsDir, mavenRepo, port, ...settings } = opts;
  let vars: Record<string, string> = {};
  const perNode: Array<(node: LabNode) => Record<string, string>> = [];
  const nodeVars = (node: LabNode) =>
    Object.assign({}, ...perNode.map((f) => f(node))) as Record<string, string>;
  const groups: PreparedGroup[] = [];
  for (const { kind, nodes } of groupsOf(v)) {
    const prepared = await kind.prepare(
      { variant: v, paths, settings, baseImage, port, jarsDir, mavenRepo, signal, progress, vars, nodeVars },
      nodes,
    );
    vars = { ...vars, ...prepared.vars };
    if (prepared.nodeVars) perNode.push(prepared.nodeVars);
    groups.push({ kind, nodes, prepared });
  }
  const files = new Map<string, string>();
  for (const g of groups) for (const n of g.nodes) for (const [f, c] of g.prepared.render(n)) files.set(f, c);
  return { files, groups, images: groups.map((g) => g.prepared.image) };
}
