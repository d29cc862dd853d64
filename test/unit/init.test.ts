import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createProgress } from "../../src/core/progress.js";
import { initLab } from "../../src/orchestrator/init.js";

describe("init", () => {
  const cache = process.env.SESSIONLAB_CACHE_DIR;
  afterEach(() => {
    if (cache === undefined) delete process.env.SESSIONLAB_CACHE_DIR;
    else process.env.SESSIONLAB_CACHE_DIR = cache;
  });
  const opts = (dir: string) => ({
    lab: "memcached",
    dir,
    serializer: "java" as const,
    readMode: "REDIS" as const,
    updateMode: "DEFAULT" as const,
    // nothing listens on port 9: the download fails at once
    mavenRepo: "http://127.0.0.1:9/maven2",
    progress: createProgress({ quiet: true }),
  });

  it("leaves nothing behind when a download fails: a new folder is removed, an empty one emptied", async () => {
    const root = mkdtempSync(join(tmpdir(), "sl-init-"));
    process.env.SESSIONLAB_CACHE_DIR = join(root, "cache");
    await expect(initLab(opts(join(root, "new")))).rejects.toThrow(
      /could not download http:\/\/127\.0\.0\.1:9\//,
    );
    expect(existsSync(join(root, "new"))).toBe(false);
    mkdirSync(join(root, "empty"));
    await expect(initLab(opts(join(root, "empty")))).rejects.toThrow(/could not download/);
    expect(readdirSync(join(root, "empty"))).toEqual([]);
  });

  it("refuses a folder that holds files", async () => {
    const root = mkdtempSync(join(tmpdir(), "sl-init-"));
    mkdirSync(join(root, "full", "x"), { recursive: true });
    await expect(initLab(opts(join(root, "full")))).rejects.toThrow(/exists and is not empty/);
    expect(readdirSync(join(root, "full"))).toEqual(["x"]);
  });
});
