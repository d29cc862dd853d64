import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { BuildContextFile } from "../runtime/build-context.js";
import { LABS_ROOT } from "./definition.js";

export type ImageRole = "tomcat" | "nginx" | "memcached" | "redis";

export interface ImageSpec {
  role: ImageRole;
  /** sessionlab/<role>:<content hash>: an unchanged definition maps to an existing image, so no rebuild */
  tag: string;
  hash: string;
  files: BuildContextFile[];
  buildArgs: Record<string, string>;
}

/** A file for the build context whose content digest is already known (e.g. a verified artifact). */
export interface DigestedFile {
  name: string;
  path: string;
  sha1: string;
}

export const DEFAULT_BASE_IMAGE = "debian:bookworm-slim";

export function baseImage(explicit?: string): string {
  return explicit ?? process.env.SESSIONLAB_BASE_IMAGE ?? DEFAULT_BASE_IMAGE;
}

/**
 * An image from labs/images/<role>/Dockerfile plus extra context files and build arguments, tagged by
 * the hash of all of them, so an unchanged definition maps to an existing image.
 */
export async function imageSpec(
  role: ImageRole,
  base: string,
  extra: Array<DigestedFile | { name: string; content: string }> = [],
  args: Record<string, string> = {},
): Promise<ImageSpec> {
  const dir = join(LABS_ROOT, "images", role);
  const dockerfile = await readFile(join(dir, "Dockerfile"), "utf8");
  // Files beside the Dockerfile (scripts it copies) are part of the build context, and of the hash.
  const beside = await Promise.all(
    (await readdir(dir))
      .filter((n) => n !== "Dockerfile")
      .sort()
      .map(async (name) => ({ name, content: await readFile(join(dir, name), "utf8") })),
  );
  const context = [...beside, ...extra];
  const buildArgs: Record<string, string> = { BASE_IMAGE: base, ...args };
  const hash = createHash("sha256");
  hash.update(dockerfile).update(JSON.stringify(buildArgs));
  for (const f of [...context].sort((a, b) => a.name.localeCompare(b.name)))
    hash.update(`\0${f.name}\0${"sha1" in f ? f.sha1 : f.content}`);
  const digest = hash.digest("hex").slice(0, 16);
  const files: BuildContextFile[] = [{ name: "Dockerfile", content: dockerfile }, ...context];
  return { role, tag: `sessionlab/${role}:${digest}`, hash: digest, files, buildArgs };
}
