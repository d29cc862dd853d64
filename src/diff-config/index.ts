/** The diff-config layer's entry point: lint files (or a CATALINA_BASE, or a lab folder) into a Report. */
import { stat } from "node:fs/promises";
import { SessionlabError } from "../core/errors.js";
import { diffWithKnownGood } from "./canonical.js";
import { isCatalinaBase, readCatalinaBase, type CatalinaBase } from "./catalina-base.js";
import { diffFiles } from "./diff.js";
import { applyFixes } from "./fix.js";
import { isLabDir, labFiles } from "./lab-files.js";
import { labFolderVersions } from "../labs/lab-folder.js";
import { LabPaths } from "../labs/lab-paths.js";
import { groupByDeployment, versionsFor } from "./deployment.js";
import { lintFile } from "./lint.js";
import { loadFile, UnreadableConfigError } from "./load.js";
import { SourceText } from "./source-text.js";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { FileReport, Kind, LoadedFile, Report } from "./types.js";

export type { Finding, FileReport, Report, Kind } from "./types.js";
export { RULES } from "./rules/index.js";

export interface LintOptions {
  /** Force the kind of every file instead of detecting it. */
  kind?: Kind;
  /** Compare files of this file's kind with it instead of the lab's canonical config. */
  against?: string;
  /** Compute the layer-4 diff (default true). */
  diff?: boolean;
  /** Apply safe fixes (writing FILE.bak first), then lint again. */
  fix?: boolean;
  /** The Tomcat version (e.g. "9.0" or "8.5.31") the files run on, when no CATALINA_BASE says. */
  tomcat?: string;
  /** The Java major the Tomcats run on, when no CATALINA_BASE says. */
  java?: number;
}

export interface LintResult extends Report {
  /** Files rewritten by --fix, with where the original was kept. */
  fixed: Array<{ path: string; backup: string }>;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Expands folders: a CATALINA_BASE to its conf files (remembering its lib/), a lab folder to its configs. */
/** A lab folder's files run with the versions its state records (they override none given as options). */
type LabOrigin = { dir: string; tomcat?: string; java?: number };

async function expand(
  paths: string[],
): Promise<Array<{ path: string; base?: CatalinaBase; lab?: LabOrigin }>> {
  const out: Array<{ path: string; base?: CatalinaBase; lab?: LabOrigin }> = [];
  for (const p of paths) {
    if (!(await isDirectory(p))) {
      out.push({ path: p });
    } else if (await isCatalinaBase(p)) {
      const base = await readCatalinaBase(p);
      if (base.configs.length === 0)
        throw new SessionlabError(
          `${p}/conf has no server.xml or context.xml`,
          "pass the CATALINA_BASE folder (the one holding conf/ and lib/)",
        );
      out.push(...base.configs.map((path) => ({ path, base })));
    } else if (isLabDir(p)) {
      const versions = await labFolderVersions(new LabPaths(p));
      const lab = { dir: p, tomcat: versions?.tomcat, java: versions?.java };
      out.push(...labFiles(p).map((path) => ({ path, lab })));
    } else if (existsSync(join(p, "nginx.conf"))) {
      out.push(...nginxDirFiles(p).map((path) => ({ path })));
    } else {
      throw new SessionlabError(
        `${p} is a folder but neither a CATALINA_BASE (conf/), an nginx folder (nginx.conf) nor a lab folder`,
        "pass config files, or a folder holding conf/ or nginx.conf",
      );
    }
  }
  return out;
}

/** An nginx folder such as /etc/nginx: nginx.conf and the usual include folders. */
function nginxDirFiles(dir: string): string[] {
  const included = ["conf.d", "sites-enabled"].flatMap((sub) => {
    try {
      return readdirSync(join(dir, sub))
        .filter((f) => f.endsWith(".conf") || sub === "sites-enabled")
        .sort()
        .map((f) => join(dir, sub, f));
    } catch {
      return [];
    }
  });
  return [join(dir, "nginx.conf"), ...included];
}

function count(files: FileReport[]): Report {
  const all = files.flatMap((f) => f.findings);
  return {
    files,
    errorCount: all.filter((f) => f.severity === "error").length,
    warningCount: all.filter((f) => f.severity === "warning").length,
    infoCount: all.filter((f) => f.severity === "info").length,
    unreadableCount: files.filter((f) => f.error).length,
  };
}

export async function lintFiles(paths: string[], opts: LintOptions = {}): Promise<LintResult> {
  if (paths.length === 0)
    throw new SessionlabError("no files to check", "pass config files, a CATALINA_BASE folder, or --lab");
  const inputs = await expand(paths);
  const loaded: Array<{ file: LoadedFile; base?: CatalinaBase; lab?: LabOrigin }> = [];
  // A file that cannot be checked (missing, binary, too large) is reported; the others are still linted.
  const unreadable: FileReport[] = [];
  for (const { path, base, lab } of inputs) {
    try {
      loaded.push({ file: await loadFile(path, opts.kind), base, lab });
    } catch (e) {
      if (!(e instanceof UnreadableConfigError)) throw e;
      unreadable.push({
        path,
        kind: "text",
        findings: [],
        source: new SourceText(""),
        error: { message: e.message, fix: e.hint ?? "" },
      });
    }
  }
  const files = loaded.map((l) => l.file);
  const against = opts.against ? await loadFile(opts.against, opts.kind) : undefined;
  // Cross-file rules see only the files of the same deployment.
  const groupOf = new Map<LoadedFile, { files: LoadedFile[]; bases: CatalinaBase[] }>();
  for (const group of groupByDeployment(loaded).values()) {
    const bases = [...new Set(group.map((g) => g.base).filter((b): b is CatalinaBase => !!b))];
    const entry = { files: group.map((g) => g.file), bases };
    for (const g of group) groupOf.set(g.file, entry);
  }
  const linted: FileReport[] = loaded.map(({ file, base, lab }) => {
    const group = groupOf.get(file) ?? { files: [file], bases: [] };
    const fromLab = !opts.tomcat && !opts.java && lab?.tomcat;
    const versions = versionsFor(
      base,
      group.bases,
      fromLab ? { tomcat: lab.tomcat, java: lab.java, from: `lab folder ${lab.dir}` } : opts,
    );
    const findings = lintFile(file, group.files, { base, versions });
    const report: FileReport = { path: file.path, kind: file.kind, findings, source: file.source };
    if (base) {
      report.catalinaBase = {
        dir: base.dir,
        tomcatVersion: base.tomcatVersion,
        javaMajor: base.javaMajor,
        jars: base.jars.length,
      };
    }
    if (opts.diff !== false) {
      // --against applies to files of its own kind; the others keep their lab's canonical config.
      const mine = against?.kind === file.kind ? against : undefined;
      const diff = mine
        ? { against: mine.path, why: "given with --against", lines: diffFiles(mine, file) }
        : diffWithKnownGood(file);
      if (diff) report.diff = diff;
    }
    return report;
  });
  // Reports keep the order the files were given in.
  const order = new Map(inputs.map((input, i) => [input.path, i]));
  const reports = [...linted, ...unreadable].sort(
    (a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0),
  );
  if (opts.fix) {
    const fixed: LintResult["fixed"] = [];
    for (const [i, file] of files.entries()) {
      const backup = await applyFixes(file, linted[i]?.findings ?? []);
      if (backup) fixed.push({ path: file.path, backup });
    }
    if (fixed.length > 0) return { ...(await lintFiles(paths, { ...opts, fix: false })), fixed };
  }
  return { ...count(reports), fixed: [] };
}
