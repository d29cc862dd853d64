import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** Folder holding the built-in labs (`labs/<name>/lab.json`), shipped next to dist/. */
export const LABS_ROOT = fileURLToPath(new URL("../../labs/", import.meta.url));
export const TOPOLOGY_FILE = "lab.json";

export const MIN_TOMCATS = 2;
export const MAX_TOMCATS = 5;

/** The built-in labs' names. Kept apart from definition.ts so command help does not load the schema. */
export function listLabNamesSync(): string[] {
  return readdirSync(LABS_ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(LABS_ROOT, e.name, TOPOLOGY_FILE)))
    .map((e) => e.name)
    .sort();
}

/** the faults `sessionlab drill` can inject (src/drill/scenarios.ts) */
export const DRILLS = [
  "tomcat-stop",
  "tomcat-kill",
  "store-restart",
  "store-stop",
  "store-latency",
  "nginx-reload",
  "concurrency",
] as const;
export type DrillName = (typeof DRILLS)[number];

/** the verify scenarios a topology can name (src/verify/scenario.ts holds what each checks) */
export const SCENARIO_NAMES = ["round-robin", "sticky-failover", "cluster"] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];
