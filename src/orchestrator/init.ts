import { existsSync, readdirSync } from "node:fs";
import { copyFile, rm, rmdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { fsReason, makeDirs } from "../core/dirs.js";
import { SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import {
  type LabDefinition,
  type LabVariant,
  TOPOLOGY_FILE,
  variantLabel,
  loadLab,
  selectVariant,
} from "../labs/definition.js";
import { baseImage } from "../labs/images.js";
import { writeLabFolder } from "../labs/lab-folder.js";
import { LabPaths } from "../labs/lab-paths.js";
import type { Topology } from "../labs/topology.js";
import { tomcatVersions } from "../kinds/tomcat.js";
import { type LabSettings, checkOptions, prepareLab } from "./prepare.js";

export interface InitOptions extends LabSettings {
  lab: string;
  dir?: string;
  manager?: string;
  tomcat?: string;
  tomcats?: number;
  /** how cluster members find each other (a lab with Tomcat's own cluster) */
  membership?: string;
  mavenRepo?: string;
  signal?: AbortSignal;
  progress: Progress;
}

export interface InitResult {
  dir: string;
  name: string;
  variant: string;
  files: string[];
}

/** A lab name from a folder name: lower-case letters, digits, - and _. */
function nameFrom(dir: string): string {
  const n = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 41);
  return n || "mylab";
}

/**
 * Writes the user's own lab folder: a topology file narrowed to the chosen manager, Tomcat version
 * and number of Tomcats, the manager's templates, and every config the lab renders. The user edits
 * any of it; `sessionlab up DIR` runs it, keeping their edits.
 */
export async function initLab(opts: InitOptions): Promise<InitResult> {
  const def = await loadLab(opts.lab);
  const variant = selectVariant(def, opts);
  checkOptions(variant, opts);
  const dir = resolve(opts.dir ?? `sessionlab-${def.name}-lab`);
  const existed = existsSync(dir);
  if (existed && readdirSync(dir).length) {
    throw new SessionlabError(`${dir} exists and is not empty`, "name a new or empty folder for the lab");
  }
  let made: string[];
  try {
    made = await makeDirs(dir); // not mkdir({ recursive }), which spins on /proc paths
  } catch (e) {
    throw new SessionlabError(`cannot create ${dir}: ${fsReason(e)}`, "name a folder you can write to");
  }
  try {
    return await writeOwnLab(def, variant, dir, opts);
  } catch (e) {
    // Nothing half-made: the folder was new or empty, so everything in it is ours to remove.
    const ours = existed ? readdirSync(dir).map((f) => join(dir, f)) : [dir];
    for (const p of ours) await rm(p, { recursive: true, force: true }).catch(() => undefined);
    // …and the parent folders made for it, deepest first.
    for (const p of [...made].sort((a, b) => b.length - a.length)) await rmdir(p).catch(() => undefined);
    throw e;
  }
}

async function writeOwnLab(
  def: LabDefinition,
  variant: LabVariant,
  dir: string,
  opts: InitOptions,
): Promise<InitResult> {
  const name = nameFrom(dir);
  const m = variant.manager;
  const tomcatGroup = Object.entries(def.nodes).find(([, g]) => g.kind === "tomcat")![0];
  const topology: Topology = {
    name,
    summary: `your copy of ${def.name} with ${variant.managerName} on Tomcat ${variant.tomcatVersion}: ${def.summary}`,
    nodes: {
      ...def.nodes,
      [tomcatGroup]: { kind: "tomcat", count: variant.nodes.filter((n) => n.kind === "tomcat").length },
    },
    sessionTimeoutMinutes: def.sessionTimeoutMinutes,
    defaultManager: variant.managerName,
    managers: {
      [variant.managerName]: {
        ...m,
        tomcat: { [variant.tomcatVersion]: variant.tomcat },
        defaultTomcat: variant.tomcatVersion,
      },
    },
    ...(variant.membership && {
      membership: {
        default: variant.membership.name,
        choices: { [variant.membership.name]: def.membership!.choices[variant.membership.name]! },
      },
    }),
    verify: def.verify,
    ...(def.promises && { promises: def.promises }),
  };
  await writeFile(join(dir, TOPOLOGY_FILE), JSON.stringify(topology, null, 2) + "\n");
  const templates = [
    m.contextManager,
    ...Object.values(m.confFiles ?? {}),
    m.serverCluster,
    variant.membership?.template,
    variant.membership?.memberTemplate,
  ].filter((t): t is string => Boolean(t));
  for (const t of templates) await copyFile(join(def.dir, t), join(dir, t));

  const own = await loadLab(dir);
  const paths = new LabPaths(dir);
  const ownVariant = selectVariant(own, {});
  const prepared = await prepareLab(ownVariant, paths, {
    ...opts,
    port: 8080,
    baseImage: baseImage(),
  });
  await writeLabFolder(paths, name, prepared.files, { versions: tomcatVersions(ownVariant) });
  return {
    dir,
    name,
    variant: variantLabel(variant),
    files: [TOPOLOGY_FILE, ...templates, ...[...prepared.files.keys()].map((f) => f.slice(dir.length + 1))],
  };
}
