import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { ARTIFACTS, type ArtifactKey } from "../artifacts/catalog.js";
import { SessionlabError } from "../core/errors.js";

/** Folder holding the lab definitions (`labs/<name>/lab.json`), shipped next to dist/. */
export const LABS_ROOT = fileURLToPath(new URL("../../labs/", import.meta.url));

export type StoreKind = "memcached" | "redis";

/** One Tomcat major a manager runs on: the distribution and the jars that go into lib/. */
export interface TomcatChoice {
  distribution: ArtifactKey;
  jars: ArtifactKey[];
}

/** A session manager a lab can run, with its config templates (files in the lab's folder). */
export interface ManagerDefinition {
  summary: string;
  tomcat: Record<string, TomcatChoice>;
  defaultTomcat: string;
  /** elements inserted into conf/context.xml, or null for Tomcat's default in-memory manager */
  contextManager: string | null;
  /** extra files rendered into each Tomcat's conf/ (name there → template in the lab folder) */
  confFiles?: Record<string, string>;
  /** how the store names a session's key; {id} is the session id */
  storeKey?: string;
  /** seconds the manager adds to the session timeout for the key's TTL (Redisson: +60) */
  storeTtlExtraSeconds?: number;
}

export interface LabDefinition {
  name: string;
  summary: string;
  store: { kind: StoreKind; host: string; port: number } | null;
  /** the webapp's session-timeout (web.xml), where Tomcat really reads it */
  sessionTimeoutMinutes: number;
  defaultManager: string;
  managers: Record<string, ManagerDefinition>;
  /** Absolute path of the lab's definition folder. */
  dir: string;
}

/** A lab with its manager and Tomcat version chosen. */
export interface LabVariant {
  def: LabDefinition;
  managerName: string;
  manager: ManagerDefinition;
  tomcatVersion: string;
  tomcat: TomcatChoice;
}

export const NODES = ["tomcat1", "tomcat2"] as const;
export type NodeName = (typeof NODES)[number];

export function listLabNamesSync(): string[] {
  return readdirSync(LABS_ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(LABS_ROOT, e.name, "lab.json")))
    .map((e) => e.name)
    .sort();
}

export async function loadLab(name: string): Promise<LabDefinition> {
  const names = listLabNamesSync();
  if (!names.includes(name)) {
    throw new SessionlabError(`unknown lab "${name}"`, `choose one of: ${names.join(", ")}`);
  }
  const dir = join(LABS_ROOT, name);
  const raw = JSON.parse(await readFile(join(dir, "lab.json"), "utf8")) as Omit<LabDefinition, "dir">;
  for (const [m, manager] of Object.entries(raw.managers)) {
    for (const choice of Object.values(manager.tomcat)) {
      for (const key of [choice.distribution, ...choice.jars]) {
        if (!(key in ARTIFACTS)) throw new Error(`labs/${name}/lab.json manager ${m} names unknown artifact "${key}"`);
      }
    }
  }
  return { ...raw, dir };
}

/** Picks the manager and Tomcat version, refusing unknown ones with the valid list. */
export function selectVariant(def: LabDefinition, opts: { manager?: string; tomcat?: string }): LabVariant {
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
  return { def, managerName, manager, tomcatVersion, tomcat };
}

/** What identifies a running lab's build, so `up` can tell "already running" from "changed". */
export function variantLabel(v: LabVariant): string {
  return `${v.def.name}/${v.managerName}@tomcat${v.tomcatVersion}`;
}
