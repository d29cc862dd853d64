import { afterEach, describe, expect, it } from "vitest";
import { portOrDefault } from "../../src/commands/options.js";

describe("portOrDefault", () => {
  afterEach(() => {
    delete process.env.SESSIONLAB_PORT;
  });
  it("prefers the flag, then SESSIONLAB_PORT, then 8080", () => {
    expect(portOrDefault(9000)).toBe(9000);
    process.env.SESSIONLAB_PORT = "8181";
    expect(portOrDefault(undefined)).toBe(8181);
    delete process.env.SESSIONLAB_PORT;
    expect(portOrDefault(undefined)).toBe(8080);
  });
  it("rejects a bad SESSIONLAB_PORT in one sentence", () => {
    process.env.SESSIONLAB_PORT = "";
    expect(() => portOrDefault(undefined)).toThrow('SESSIONLAB_PORT="" is not a port number');
  });
});
