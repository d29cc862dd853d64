import { createHash } from "node:crypto";
import { copyFile, readFile, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { checkWritableDir, makeDirs } from "../core/dirs.js";
import type { LabPaths } from "./lab-paths.js";

/** The Tomcat and Java the lab's containers run, so diff-config can judge version-dependent findings. */
export interface LabVersions {
  tomcat: string;
  java: number;
}

interface FolderState {
  lab: string;
  versions?: LabVersions;
  /** sha256 of each file as sessionlab last wrote it, keyed by path relative to the lab folder */
  rendered: Record<string, string>;
}

export interface WriteReport {
  written: string[];
  /** files the user edited since sessionlab wrote them; left as they are */
  keptEdits: string[];
  /** with reset: edited files backed up to .bak before being replaced */
  backedUp: string[];
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function readOr(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Writes the rendered files into the lab folder. A file the user changed since sessionlab last wrote
 * it is kept (the containers then run the user's version); with `reset`, it is first copied to .bak.
 */
export async function writeLabFolder(
  paths: LabPaths,
  lab: string,
  files: Map<string, string>,
  opts: { reset?: boolean; versions?: LabVersions } = {},
): Promise<WriteReport> {
  await checkWritableDir(paths.root, "lab folder", "pass --dir with a folder you can write to");
  const prevRaw = await readOr(paths.stateFile());
  const prev: FolderState = prevRaw ? (JSON.parse(prevRaw) as FolderState) : { lab, rendered: {} };
  const state: FolderState = { lab, versions: opts.versions, rendered: {} };
  const report: WriteReport = { written: [], keptEdits: [], backedUp: [] };
  for (const [abs, content] of files) {
    const rel = relative(paths.root, abs);
    const current = await readOr(abs);
    const lastWritten = prev.rendered[rel];
    const edited = current !== undefined && sha256(current) !== lastWritten && current !== content;
    if (edited && !opts.reset) {
      report.keptEdits.push(rel);
      state.rendered[rel] = lastWritten ?? sha256(content);
      continue;
    }
    if (edited) {
      await copyFile(abs, `${abs}.bak`);
      report.backedUp.push(rel);
    }
    if (current !== content) {
      await makeDirs(dirname(abs));
      await writeFile(abs, content);
      report.written.push(rel);
    }
    state.rendered[rel] = sha256(content);
  }
  await removeStale(paths, prev, state, report);
  await makeDirs(paths.root);
  await writeFile(paths.stateFile(), JSON.stringify(state, null, 2) + "\n");
  return report;
}

/**
 * Files an earlier render wrote that this one does not (tomcat3's, once the lab runs with 2 Tomcats)
 * would be linted and read as part of the lab: removed while unchanged, kept as .bak when edited.
 */
async function removeStale(paths: LabPaths, prev: FolderState, now: FolderState, report: WriteReport) {
  const stale = Object.entries(prev.rendered).filter(([rel]) => !(rel in now.rendered));
  for (const [rel, hash] of stale) {
    const abs = resolve(paths.root, rel);
    if (!abs.startsWith(paths.root + sep)) continue; // a tampered state file must not reach outside
    const current = await readOr(abs);
    if (current === undefined) continue;
    if (sha256(current) === hash) await rm(abs, { force: true });
    else {
      await rename(abs, `${abs}.bak`);
      report.backedUp.push(rel);
    }
  }
  await removeEmptyFolders(paths, stale.map(([rel]) => rel));
}

/** The folders of these files (a/b/c.xml → a/b, a) inside the lab folder, deepest first, while empty. */
async function removeEmptyFolders(paths: LabPaths, files: string[]): Promise<void> {
  const dirs = new Set<string>();
  for (const rel of files) for (let d = dirname(rel); d !== "." && d !== "/"; d = dirname(d)) dirs.add(d);
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    const abs = resolve(paths.root, d);
    if (abs.startsWith(paths.root + sep)) await rmdir(abs).catch(() => undefined);
  }
}

/**
 * Deletes what sessionlab wrote into a lab folder and the user has not changed since (the files in
 * its state whose content still matches), then folders left empty. Everything else stays: edited
 * configs, .bak copies, a user's own files, anything outside the folder.
 */
export async function purgeLabFolder(paths: LabPaths): Promise<{ removed: string[]; kept: string[] }> {
  const raw = await readOr(paths.stateFile());
  if (!raw) return { removed: [], kept: [] };
  const state = JSON.parse(raw) as FolderState;
  const removed: string[] = [];
  for (const [rel, hash] of Object.entries(state.rendered)) {
    const abs = resolve(paths.root, rel);
    if (!abs.startsWith(paths.root + sep)) continue; // a tampered state file must not reach outside
    const current = await readOr(abs);
    if (current === undefined || sha256(current) !== hash) continue;
    await rm(abs, { force: true });
    removed.push(rel);
  }
  await rm(paths.stateFile(), { force: true });
  // Remove folders bottom-up while they are empty.
  await removeEmptyFolders(paths, Object.keys(state.rendered));
  await rmdir(paths.root).catch(() => undefined);
  return { removed, kept: await listFiles(paths.root) };
}

async function listFiles(root: string, rel = ""): Promise<string[]> {
  const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const p = rel ? join(rel, e.name) : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else out.push(p);
  }
  return out;
}

/** The versions a lab folder's state records (undefined for folders written before it did). */
export async function labFolderVersions(paths: LabPaths): Promise<LabVersions | undefined> {
  const raw = await readOr(paths.stateFile());
  if (!raw) return undefined;
  try {
    return (JSON.parse(raw) as FolderState).versions;
  } catch {
    return undefined;
  }
}

/** How many of `files` are exactly what the folder's state says sessionlab last wrote there. */
export async function countAsRendered(paths: LabPaths, files: Map<string, string>): Promise<number> {
  const raw = await readOr(paths.stateFile());
  if (!raw) return 0;
  const state = JSON.parse(raw) as FolderState;
  return [...files].filter(([abs, content]) => state.rendered[relative(paths.root, abs)] === sha256(content)).length;
}
