import { describe, expect, it } from "vitest";
import { loadLab, selectVariant } from "../../src/labs/definition.js";
import { checkOptions } from "../../src/orchestrator/prepare.js";
import { SessionlabError } from "../../src/core/errors.js";

describe("lab definitions", () => {
  it("rejects an unknown lab, listing the valid ones", async () => {
    const err = (await loadLab("memcache").catch((e: unknown) => e)) as SessionlabError;
    expect(err.message).toBe('unknown lab "memcache"');
    expect(err.hint).toMatch(/memcached, msm-sticky, no-sharing, redis/);
  });

  it("stops --serializer kryo before building, saying why", async () => {
    const v = selectVariant(await loadLab("memcached"), {});
    expect(() => checkOptions(v, { serializer: "kryo" })).toThrow(/parentOffset.*Java 17/);
    expect(() => checkOptions(v, { serializer: "java" })).not.toThrow();
  });

  it("refuses an unknown manager or Tomcat version, listing the valid ones", async () => {
    const def = await loadLab("redis");
    expect(() => selectVariant(def, { manager: "jedis" })).toThrow(/no manager "jedis"/);
    expect(() => selectVariant(def, { manager: "redisson", tomcat: "7" })).toThrow(
      /does not run on Tomcat 7/,
    );
    expect(selectVariant(def, { manager: "redisson", tomcat: "10.1" }).tomcat.jars).toContain(
      "redissonTomcat10",
    );
    expect(selectVariant(def, {}).managerName).toBe("classic");
  });

  it("keeps Redisson-only options to the Redisson manager", async () => {
    const classic = selectVariant(await loadLab("redis"), {});
    expect(() => checkOptions(classic, { readMode: "MEMORY" })).toThrow(/apply to the Redisson manager/);
    expect(() => checkOptions(classic, { redisPassword: "has space" })).toThrow(/8-128 characters/);
    const memcached = selectVariant(await loadLab("memcached"), {});
    expect(() => checkOptions(memcached, { redisPassword: "secret123" })).toThrow(
      /applies to a lab with Redis/,
    );
  });
});
