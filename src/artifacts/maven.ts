import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Agent, interceptors, request } from "undici";
import { fsReason, makeDirs } from "../core/dirs.js";
import { SessionlabError } from "../core/errors.js";
import { cacheDir } from "../core/paths.js";
import { type Artifact, DEFAULT_REPOSITORY, artifactPath, coordinates } from "./catalog.js";

export interface FetchOptions {
  /** Maven repository base URL; defaults to $SESSIONLAB_MAVEN_REPO, then Maven Central. */
  repository?: string;
  signal?: AbortSignal;
  onDownload?: (art: Artifact) => void;
}

export function repositoryUrl(explicit?: string): string {
  return (explicit ?? process.env.SESSIONLAB_MAVEN_REPO ?? DEFAULT_REPOSITORY).replace(/\/+$/, "");
}

export async function sha1File(path: string): Promise<string> {
  const hash = createHash("sha1");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

// Mirrors and repository managers often redirect; follow a few hops.
const downloader = new Agent().compose(interceptors.redirect({ maxRedirections: 3 }));

async function httpGet(url: string, signal?: AbortSignal): Promise<Buffer> {
  let res;
  try {
    res = await request(url, { signal, dispatcher: downloader });
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw new SessionlabError(
      `could not download ${url}: ${(e as Error).message}`,
      "check your network, or point --maven-repo / SESSIONLAB_MAVEN_REPO at a reachable mirror",
    );
  }
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new SessionlabError(
      `could not download ${url}: HTTP ${res.statusCode}`,
      "check the repository URL (--maven-repo / SESSIONLAB_MAVEN_REPO) and that it mirrors Maven Central",
    );
  }
  return Buffer.from(await res.body.arrayBuffer());
}

/**
 * Returns the local path of a verified artifact. A cached copy is re-verified against the pinned
 * SHA-1 on every use; a fresh download is written to a temp file, checked against the repository's
 * .sha1 and the pin, and only then renamed into place, so the cache never holds a half-written file.
 */
export async function fetchArtifact(art: Artifact, opts: FetchOptions = {}): Promise<string> {
  const rel = artifactPath(art);
  const target = join(cacheDir(), "maven", rel);
  if (await exists(target)) {
    if ((await sha1File(target)) === art.sha1) return target;
    await rm(target, { force: true }); // corrupted or tampered: fetch again
  }
  const base = repositoryUrl(opts.repository);
  opts.onDownload?.(art);
  const [body, sumText] = await Promise.all([
    httpGet(`${base}/${rel}`, opts.signal),
    httpGet(`${base}/${rel}.sha1`, opts.signal),
  ]);
  const published = sumText.toString("utf8").trim().split(/\s+/)[0]?.toLowerCase();
  const actual = createHash("sha1").update(body).digest("hex");
  if (actual !== published || actual !== art.sha1) {
    throw new SessionlabError(
      `checksum mismatch for ${coordinates(art)}: got sha1 ${actual}, repository says ${published}, sessionlab pins ${art.sha1}`,
      "the download or the mirror is corrupt; retry, or use another --maven-repo",
    );
  }
  const tmp = `${target}.${process.pid}.part`;
  try {
    try {
      await makeDirs(dirname(target));
      await writeFile(tmp, body);
    } catch (e) {
      throw new SessionlabError(
        `cannot write to the download cache ${cacheDir()}: ${fsReason(e)}`,
        "set SESSIONLAB_CACHE_DIR to a folder you can write to",
      );
    }
    await rename(tmp, target);
  } finally {
    await rm(tmp, { force: true });
  }
  return target;
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
