import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { type Server, createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Artifact, artifactPath } from "../../src/artifacts/catalog.js";
import { fetchArtifact } from "../../src/artifacts/maven.js";
import { SessionlabError } from "../../src/core/errors.js";

// A small Maven repository on 127.0.0.1 serving one artifact and its .sha1.
const BODY = Buffer.from("not really a jar, but bytes with a known digest\n");
const SHA1 = createHash("sha1").update(BODY).digest("hex");
const art: Artifact = {
  groupId: "org.example",
  artifactId: "demo",
  version: "1.0",
  packaging: "jar",
  sha1: SHA1,
};
let server: Server;
let repo: string;
let served = 0;
let publishedSha1 = SHA1;

beforeAll(async () => {
  server = createServer((req, res) => {
    served++;
    if (req.url === `/${artifactPath(art)}`) res.end(BODY);
    else if (req.url === `/${artifactPath(art)}.sha1`) res.end(`${publishedSha1}  demo-1.0.jar\n`);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address() as { port: number };
  repo = `http://127.0.0.1:${addr.port}`;
});
afterAll(() => server.close());
beforeEach(async () => {
  process.env.SESSIONLAB_CACHE_DIR = await mkdtemp(join(tmpdir(), "sl-cache-"));
  served = 0;
  publishedSha1 = SHA1;
});

describe("fetchArtifact", () => {
  it("downloads, verifies and caches; a second call is served from the cache", async () => {
    const path = await fetchArtifact(art, { repository: repo });
    expect(await readFile(path)).toEqual(BODY);
    expect(served).toBe(2);
    await fetchArtifact(art, { repository: repo });
    expect(served).toBe(2);
  });

  it("re-downloads a cached file that no longer matches its checksum", async () => {
    const path = await fetchArtifact(art, { repository: repo });
    await writeFile(path, "tampered");
    await fetchArtifact(art, { repository: repo });
    expect(await readFile(path)).toEqual(BODY);
    expect(served).toBe(4);
  });

  it("rejects a download whose checksum differs from the repository's, leaving nothing behind", async () => {
    publishedSha1 = "0".repeat(40);
    const err = await fetchArtifact(art, { repository: repo }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionlabError);
    expect((err as Error).message).toMatch(/checksum mismatch for org\.example:demo:1\.0/);
    const dir = join(process.env.SESSIONLAB_CACHE_DIR!, "maven", dirname(artifactPath(art)));
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it("rejects an artifact that matches the repository but not sessionlab's pin", async () => {
    const err = await fetchArtifact({ ...art, sha1: "f".repeat(40) }, { repository: repo }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/sessionlab pins f{40}/);
  });

  it("says which URL failed and how to fix it on HTTP errors", async () => {
    const err = (await fetchArtifact({ ...art, artifactId: "missing" }, { repository: repo }).catch(
      (e: unknown) => e,
    )) as SessionlabError;
    expect(err.message).toMatch(/missing-1\.0\.jar: HTTP 404/);
    expect(err.hint).toMatch(/--maven-repo/);
  });
});
