import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SessionlabError } from "../../src/core/errors.js";
import { KINDS } from "../../src/kinds/index.js";
import {
  LABS_ROOT,
  expandNodes,
  listLabNamesSync,
  loadLab,
  selectVariant,
} from "../../src/labs/definition.js";
import { TOPOLOGY_FIELDS, parseTopology } from "../../src/labs/topology.js";
import { SCENARIOS } from "../../src/verify/scenario.js";

const memcached = JSON.parse(readFileSync(join(LABS_ROOT, "memcached", "lab.json"), "utf8")) as Record<
  string,
  unknown
>;
const withNodes = (nodes: unknown) => JSON.stringify({ ...memcached, nodes });

function errorOf(text: string): SessionlabError {
  try {
    parseTopology("mylab/lab.json", text);
  } catch (e) {
    return e as SessionlabError;
  }
  throw new Error("no error");
}

describe("the topology file", () => {
  it("every built-in lab validates, and names only registered kinds and scenarios", async () => {
    for (const name of listLabNamesSync()) {
      const def = await loadLab(name);
      for (const g of Object.values(def.nodes)) expect(KINDS[g.kind]).toBeDefined();
      expect(Object.keys(SCENARIOS)).toContain(def.verify.scenario);
    }
  });

  it.each([
    ["not JSON", "{", /^mylab\/lab\.json: not valid JSON/],
    [
      "an unknown kind",
      withNodes({ nginx: { kind: "nginx" }, tomcat: { kind: "tomcat" }, m: { kind: "memcache" } }),
      /^mylab\/lab\.json: nodes\.m\.kind: Invalid discriminator value\. Expected 'nginx' \| 'tomcat' \| 'memcached' \| 'redis'$/,
    ],
    [
      "too many Tomcats",
      withNodes({ nginx: { kind: "nginx" }, tomcat: { kind: "tomcat", count: 9 } }),
      /^mylab\/lab\.json: nodes\.tomcat\.count: Too big: expected number to be <=5$/,
    ],
    [
      "no nginx",
      withNodes({ tomcat: { kind: "tomcat" } }),
      /^mylab\/lab\.json: nodes: needs exactly one nginx node group$/,
    ],
    [
      "an unknown field",
      JSON.stringify({ ...memcached, stores: [] }),
      /^mylab\/lab\.json: \(top\): Unrecognized key: "stores"$/,
    ],
    [
      "a default manager that does not exist",
      JSON.stringify({ ...memcached, defaultManager: "redisson" }),
      /^mylab\/lab\.json: defaultManager: names no manager; managers: msm$/,
    ],
  ])("%s: one line naming the file and the path inside it", (_name, text, message) => {
    const e = errorOf(text);
    expect(e).toBeInstanceOf(SessionlabError);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain("\n");
    expect(e.exitCode).toBe(2);
  });

  it("expands node groups: tomcat1…N with their jvmRoute, memcached1…M with a count, one node otherwise", async () => {
    const def = await loadLab("memcached");
    expect(expandNodes(def, 3).map((n) => `${n.name}:${n.kind}:${n.index}`)).toEqual([
      "nginx:nginx:1",
      "tomcat1:tomcat:1",
      "tomcat2:tomcat:2",
      "tomcat3:tomcat:3",
      "memcached:memcached:1",
    ]);
    expect(expandNodes(def).find((n) => n.name === "tomcat2")?.params).toEqual({
      node: "tomcat2",
      index: "2",
      jvmRoute: "tomcat2",
    });
    const two = parseTopology(
      "x",
      withNodes({ lb: { kind: "nginx" }, app: { kind: "tomcat" }, mc: { kind: "memcached", count: 2 } }),
    );
    expect(expandNodes(two).map((n) => n.name)).toEqual(["lb", "app1", "app2", "mc1", "mc2"]);
    expect(() => selectVariant(def, { tomcats: 6 })).toThrow("--tomcats 6 is out of range");
  });
});

describe("labs/README.md", () => {
  it("documents every field of lab.json, of a manager and of a membership choice", () => {
    const doc = readFileSync(new URL("../../labs/README.md", import.meta.url), "utf8");
    const missing = Object.entries(TOPOLOGY_FIELDS).flatMap(([where, fields]) =>
      fields.filter((f) => !doc.includes(`\`${f}\``)).map((f) => `${where}.${f}`),
    );
    expect(missing).toEqual([]);
  });
});
