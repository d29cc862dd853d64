import AdmZip from "adm-zip";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { redisManagerPackage } from "../../src/labs/jar-inspect.js";
import { parseExistsTtl } from "../../src/stores/redis.js";

describe("parseExistsTtl", () => {
  it("reads a present key with its TTL", () => {
    expect(parseExistsTtl("K", "1\n57\n")).toEqual({
      found: true,
      detail: "EXISTS K → 1; TTL → 57",
      ttlSeconds: 57,
    });
  });
  it("reads a missing key", () => {
    expect(parseExistsTtl("K", "0\n-2\n").found).toBe(false);
  });
  it("has no TTL for a key without expiry", () => {
    expect(parseExistsTtl("K", "1\n-1\n").ttlSeconds).toBeUndefined();
  });
  it("throws on anything else", () => {
    expect(() => parseExistsTtl("K", "NOAUTH Authentication required.")).toThrow(
      /unexpected redis-cli output/,
    );
  });
});

describe("redisManagerPackage", () => {
  async function jarWith(entry: string): Promise<string> {
    const zip = new AdmZip();
    zip.addFile("META-INF/MANIFEST.MF", Buffer.from("Manifest-Version: 1.0\n"));
    zip.addFile(entry, Buffer.from([0xca, 0xfe, 0xba, 0xbe]));
    const path = join(await mkdtemp(join(tmpdir(), "sl-jar-")), "manager.jar");
    zip.writeZip(path);
    return path;
  }
  it("finds the package of a self-built jcoleman jar", async () => {
    const jar = await jarWith("com/orangefunction/tomcat/redissessions/RedisSessionManager.class");
    expect(await redisManagerPackage([jar])).toBe("com.orangefunction.tomcat.redissessions");
  });
  it("finds the 1.2 release's package", async () => {
    const jar = await jarWith("com/radiadesign/catalina/session/RedisSessionManager.class");
    expect(await redisManagerPackage([jar])).toBe("com.radiadesign.catalina.session");
  });
  it("says nothing for jars without the manager", async () => {
    const jar = await jarWith("redis/clients/jedis/Jedis.class");
    expect(await redisManagerPackage([jar, "/no/such.jar"])).toBeUndefined();
  });
});
