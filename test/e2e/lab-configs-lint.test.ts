import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/core/output.js";
import { lintFiles } from "../../src/diff-config/index.js";
import { listLabNamesSync, loadLab, selectVariant } from "../../src/labs/definition.js";
import { writeLabFolder } from "../../src/labs/lab-folder.js";
import { LabPaths } from "../../src/labs/lab-paths.js";
import { prepareLab } from "../../src/orchestrator/prepare.js";

// Every lab's rendered configs (from the real, verified Tomcat distributions) must pass diff-config
// without a single error: the tool may not cry wolf on the configs sessionlab itself ships.
const variants: Array<[string, string, string]> = [];
for (const name of listLabNamesSync()) {
  const def = await loadLab(name);
  for (const [manager, m] of Object.entries(def.managers)) {
    for (const tomcat of Object.keys(m.tomcat)) variants.push([name, manager, tomcat]);
  }
}

describe("diff-config on the labs' own rendered configs", () => {
  it.each(variants)("%s / %s on Tomcat %s: no errors", async (lab, manager, tomcat) => {
    const v = selectVariant(await loadLab(lab), { manager, tomcat });
    const paths = new LabPaths(await mkdtemp(join(tmpdir(), `sl-lint-${lab}-`)));
    const prepared = await prepareLab(v, paths, {
      serializer: "java",
      readMode: "REDIS",
      updateMode: "DEFAULT",
      baseImage: "debian:bookworm-slim",
      port: 8080,
      progress: createProgress({ quiet: true }),
    });
    await writeLabFolder(paths, lab, prepared.files);
    const report = await lintFiles([paths.root], { diff: false });
    const errors = report.files.flatMap((f) =>
      f.findings
        .filter((x) => x.severity === "error")
        .map((x) => `${f.path}:${x.line}:${x.column} ${x.rule} ${x.message}`),
    );
    expect(errors).toEqual([]);
    expect(report.files.length).toBeGreaterThanOrEqual(5);
  });
});
