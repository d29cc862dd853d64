import { describe, expect, it } from "vitest";
import { loadLab } from "../../src/labs/definition.js";
import { checkOptions } from "../../src/orchestrator/prepare.js";
import { SessionlabError } from "../../src/core/errors.js";

describe("lab definitions", () => {
  it("rejects an unknown lab, listing the valid ones", async () => {
    const err = (await loadLab("memcache").catch((e: unknown) => e)) as SessionlabError;
    expect(err.message).toBe('unknown lab "memcache"');
    expect(err.hint).toMatch(/memcached.*no-sharing/);
  });

  it("stops --serializer kryo before building, saying why", async () => {
    const def = await loadLab("memcached");
    expect(() => checkOptions(def, { serializer: "kryo" })).toThrow(/parentOffset.*Java 17/);
    expect(() => checkOptions(def, { serializer: "java" })).not.toThrow();
  });
});
