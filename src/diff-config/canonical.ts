/**
 * Where the known-good configs live and which one a file is compared with: the lab's config for the
 * same kind of file and, for context.xml, the same session manager.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { knownManagers } from "./rules/helpers.js";
import type { LoadedFile } from "./types.js";

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const CANONICAL_DIR = join(packageRoot(), "fixtures", "diff-config", "canonical");

const BY_FLAVOR = {
  msm: "context-msm.xml",
  jcoleman: "context-redis-classic.xml",
  redisson: "context-redisson.xml",
  tomcat: "context-msm.xml",
};

/** The canonical file for this file, or undefined when there is none for its kind. */
export function canonicalFor(file: LoadedFile): string | undefined {
  let name: string | undefined;
  if (file.kind === "context-xml") name = BY_FLAVOR[knownManagers(file)[0]?.cls.flavor ?? "msm"];
  else if (file.kind === "server-xml") name = "server.xml";
  else if (file.kind === "nginx") name = "nginx.conf";
  else if (file.kind === "redis") name = "redis.conf";
  if (!name) return undefined;
  const path = join(CANONICAL_DIR, name);
  return existsSync(path) ? path : undefined;
}
