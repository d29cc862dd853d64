import { describe, expect, it } from "vitest";
import { parseSessionId, suffixOf } from "../../src/verify/session-id.js";

describe("parseSessionId", () => {
  it("splits msm node and jvmRoute off the base id", () => {
    const id = parseSessionId("1664FCB3CA85D728E522B9A4FF7F0C3B-n1.tomcat1");
    expect(id).toMatchObject({ base: "1664FCB3CA85D728E522B9A4FF7F0C3B", storeNode: "n1", route: "tomcat1" });
    expect(suffixOf(id)).toBe("-n1.tomcat1");
  });
  it("handles a plain Tomcat id with only a jvmRoute", () => {
    expect(parseSessionId("ABCDEF.tomcat2")).toMatchObject({
      base: "ABCDEF",
      storeNode: undefined,
      route: "tomcat2",
    });
  });
  it("handles an id with no suffix at all", () => {
    const id = parseSessionId("ABCDEF");
    expect(id.base).toBe("ABCDEF");
    expect(suffixOf(id)).toBe("");
  });
  it("treats the same base with another suffix as the same session", () => {
    expect(parseSessionId("X-n1.tomcat1").base).toBe(parseSessionId("X-n2.tomcat2").base);
  });
});
