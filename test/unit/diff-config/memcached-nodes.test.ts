import { describe, expect, it } from "vitest";
import { nodeListProblem } from "../../../src/diff-config/rules/msm-memcached-nodes.js";

// The table of shared/reference/session-managers.md §1.4, checked there against msm 2.3.2's regexes.
describe("msm memcachedNodes format", () => {
  it.each([
    "n1:host1:11211 n2:host2:11211",
    "n1:host1:11211,n2:host2:11211",
    "n1:host1:11211\tn2:host2:11211",
    "n1:my-host.example:11211 n2:10.0.0.2:11211",
    "localhost:11211",
    "n1:memcached:11211",
    "http://host1:8091/pools http://host2:8091/pools",
    "redis://redis:6379",
    "redis://:secret@redis:6379/0",
    "rediss://:secret@redis:6380",
  ])("accepts %j", (v) => {
    expect(nodeListProblem(v)).toBeUndefined();
  });

  it.each([
    ["n1:host1:11211, n2:host2:11211", /comma followed by a space/],
    ["n-1:host1:11211 n-2:host2:11211", /node id "n-1"/],
    ["n1.localhost:11211 n2.localhost:11212", /dotted .* rejected/],
    ["host1.example.com:11211 host2.example.com:11211", /without ids .* rejected/],
    [" n1:host1:11211", /leading or trailing whitespace/],
    ["n1:host1:11211 ", /leading or trailing whitespace/],
    ["host1:11211 host2:11211", /mis-parses/],
    ["", /empty/],
    ["redis://secret@redis:6379", /after a colon/],
  ])("rejects %j", (v, why) => {
    expect(nodeListProblem(v)).toMatch(why);
  });
});
