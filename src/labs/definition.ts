import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { ARTIFACTS, type ArtifactKey } from "../artifacts/catalog.js";
import { SessionlabError } from "../core/errors.js";

/** Folder holding the lab definitions (`labs/<name>/lab.json`), shipped next to dist/. */
export const LABS_ROOT = fileURLToPath(new URL("../../labs/", import.meta.url));

export type StoreKind = "memcached";

export interface LabDefinition {
  name: string;
  summary: string;
  tomcat: {
    distribution: ArtifactKey;
    jars: ArtifactKey[];
    /** Template file in the lab folder inserted into conf/context.xml, or null for Tomcat's default manager. */
    contextManager: string | null;
  };
  store: { kind: StoreKind; host: string; port: number } | null;
  /** Absolute path of the lab's definition folder. */
  dir: string;
}

export const NODES = ["tomcat1", "tomcat2"] as const;
export type NodeName = (typeof NODES)[number];

export async function listLabNames(): Promise<string[]> {
  return listLabNamesSync();
}

export async function loadLab(name: string): Promise<LabDefinition> {
  const names = await listLabNames();
  if (!names.includes(name)) {
    throw new SessionlabError(`unknown lab "${name}"`, `choose one of: ${names.join(", ")}`);
  }
  const dir = join(LABS_ROOT, name);
  const raw = JSON.parse(await readFile(join(dir, "lab.json"), "utf8")) as Omit<LabDefinition, "dir">;
  for (const key of [raw.tomcat.distribution, ...raw.tomcat.jars]) {
    if (!(key in ARTIFACTS)) throw new Error(`labs/${name}/lab.json names unknown artifact "${key}"`);
  }
  return { ...raw, dir };
}

/** For help text, where commander needs the list synchronously. */
export function listLabNamesSync(): string[] {
  return readdirSync(LABS_ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(LABS_ROOT, e.name, "lab.json")))
    .map((e) => e.name)
    .sort();
}
