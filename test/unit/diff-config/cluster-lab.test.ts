/**
 * The cluster lab's configs stay quiet under every rule, the tomcat-cluster-* ones included: each known-good
 * variant (manager × Tomcat × membership) and a lab folder made by `sessionlab init cluster` for each
 * membership with 3 Tomcats (its web.xml, with <distributable/>, linted with the server.xml files).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARTIFACTS, artifactPath } from "../../../src/artifacts/catalog.js";
import { cacheDir } from "../../../src/core/paths.js";
import { createProgress } from "../../../src/core/progress.js";
import { lintFiles } from "../../../src/diff-config/index.js";
import { labFiles } from "../../../src/diff-config/lab-files.js";
import { initLab } from "../../../src/orchestrator/init.js";
import { FIXTURES } from "./fixture-cases.js";

const problems = (report: Awaited<ReturnType<typeof lintFiles>>) =>
  report.files.flatMap((f) =>
    f.findings
      .filter((x) => x.severity !== "info")
      .map((x) => `${f.path}:${x.line}:${x.column} ${x.rule} ${x.severity}: ${x.message}`),
  );

describe("the cluster lab's known-good configs", () => {
  const dir = join(FIXTURES, "canonical", "cluster");
  const variants = readdirSync(dir).sort();

  it("cover both managers, both Tomcats and the three memberships", () => {
    expect(variants).toHaveLength(12);
  });

  it.each(variants)("%s: 0 errors, 0 warnings", async (variant) => {
    const folder = join(dir, variant);
    const tomcat = /@tomcat([\d.]+)/.exec(variant)?.[1];
    const report = await lintFiles(
      readdirSync(folder).map((f) => join(folder, f)),
      { tomcat, java: 17, diff: false },
    );
    expect(problems(report)).toEqual([]);
    expect(report.errorCount + report.warningCount).toBe(0);
  });
});

// init renders server.xml from the real Tomcat 9 distribution: from the artifact cache when it is there
// (npm run gen:known-good or any `up` puts it there), so the unit tests never download it.
const cached = existsSync(join(cacheDir(), "maven", artifactPath(ARTIFACTS.tomcat9)));

describe.skipIf(!cached)("a lab folder made by `sessionlab init cluster --tomcats 3`", () => {
  it.each(["static", "multicast", "dns"])("--membership %s: 0 errors, 0 warnings", async (membership) => {
    const dir = join(mkdtempSync(join(tmpdir(), "sl-cluster-")), "lab");
    await initLab({
      lab: "cluster",
      dir,
      membership,
      tomcats: 3,
      serializer: "java",
      readMode: "REDIS",
      updateMode: "DEFAULT",
      progress: createProgress({ quiet: true }),
    });
    // the lab folder's file list reads each Tomcat's web.xml, which the distributable rule needs
    expect(labFiles(dir).filter((f) => f.endsWith(join("WEB-INF", "web.xml")))).toHaveLength(3);
    const report = await lintFiles([dir], { diff: false });
    expect(report.files.map((f) => f.kind).filter((k) => k === "web-xml")).toHaveLength(3);
    expect(problems(report)).toEqual([]);
    expect(report.errorCount + report.warningCount).toBe(0);
  });

  it("finds the mistakes made in such a folder: a member left out, <distributable/> removed", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "sl-cluster-")), "lab");
    await initLab({
      lab: "cluster",
      dir,
      membership: "static",
      tomcats: 3,
      serializer: "java",
      readMode: "REDIS",
      updateMode: "DEFAULT",
      progress: createProgress({ quiet: true }),
    });
    const edit = (rel: string, from: RegExp, to: string) => {
      const text = readFileSync(join(dir, rel), "utf8");
      expect(text).toMatch(from);
      writeFileSync(join(dir, rel), text.replace(from, to));
    };
    edit("tomcat1/conf/server.xml", /<Member [^>]*host="tomcat3"[^>]*\/>/, "");
    edit("tomcat2/webapps/ROOT/WEB-INF/web.xml", /<distributable\/>/, "");
    const report = await lintFiles([dir], { diff: false });
    const found = report.files.flatMap((f) =>
      f.findings.map((x) => `${f.path.slice(dir.length + 1)} ${x.rule} ${x.severity}`),
    );
    expect(found.sort()).toEqual([
      "tomcat1/conf/server.xml tomcat-cluster-static-members error",
      "tomcat2/webapps/ROOT/WEB-INF/web.xml tomcat-cluster-distributable error",
    ]);
  });
});
