import { readFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/core/progress.js";
import { tomcatVersions } from "../../src/kinds/tomcat.js";
import { CANONICAL_DIR } from "../../src/diff-config/canonical.js";
import { lintFiles } from "../../src/diff-config/index.js";
import { listLabNamesSync, loadLab, selectVariant } from "../../src/labs/definition.js";
import { renderKnownGood } from "../../src/labs/known-good.js";
import { writeLabFolder } from "../../src/labs/lab-folder.js";
import { LabPaths } from "../../src/labs/lab-paths.js";
import { prepareLab } from "../../src/orchestrator/prepare.js";

// Every lab's rendered configs (from the real, verified Tomcat distributions) must pass diff-config
// without an error or warning, and diff to nothing against the known-good configs: the tool may not
// cry wolf on the configs sessionlab itself ships. (Downloads the distributions: e2e project.)
const variants: Array<[string, string, string, number]> = [];
for (const name of listLabNamesSync()) {
  const def = await loadLab(name);
  for (const [manager, m] of Object.entries(def.managers)) {
    for (const tomcat of Object.keys(m.tomcat)) variants.push([name, manager, tomcat, 2]);
  }
}
variants.push(["memcached", "msm", "9", 3], ["redis", "msm", "9", 5], ["msm-sticky", "msm", "9", 3]);

describe("diff-config on the labs' own rendered configs", () => {
  it.each(variants)(
    "%s / %s on Tomcat %s with %i Tomcats: no error, no warning, no changed line",
    async (lab, manager, tomcat, tomcats) => {
      const v = selectVariant(await loadLab(lab), { manager, tomcat, tomcats });
      const paths = new LabPaths(await mkdtemp(join(tmpdir(), `sl-lint-${lab}-`)));
      const prepared = await prepareLab(v, paths, {
        serializer: "java",
        readMode: "REDIS",
        updateMode: "DEFAULT",
        baseImage: "debian:bookworm-slim",
        port: 8080,
        progress: createProgress({ quiet: true }),
      });
      await writeLabFolder(paths, lab, prepared.files, { versions: tomcatVersions(v) });
      const report = await lintFiles([paths.root]);
      const problems = report.files.flatMap((f) =>
        f.findings
          .filter((x) => x.severity !== "info")
          .map((x) => `${f.path}:${x.line}:${x.column} ${x.rule} ${x.message}`),
      );
      expect(problems).toEqual([]);
      const changed = report.files.flatMap((f) =>
        (f.diff?.lines ?? [])
          .filter((l) => l.op === "+" || l.op === "-")
          .map((l) => `${f.path}: ${l.op}${l.text}`),
      );
      expect(changed).toEqual([]);
      expect(report.files.every((f) => f.diff)).toBe(true);
      expect(report.files.length).toBeGreaterThanOrEqual(5);
    },
  );

  it("the committed known-good configs are what the labs render today (npm run gen:known-good)", async () => {
    const fresh = await renderKnownGood();
    for (const [rel, text] of fresh) expect(await readFile(join(CANONICAL_DIR, rel), "utf8"), rel).toBe(text);
  });
});
