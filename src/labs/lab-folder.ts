import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import type { LabPaths } from "./lab-paths.js";

interface FolderState {
  lab: string;
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
  opts: { reset?: boolean } = {},
): Promise<WriteReport> {
  const prevRaw = await readOr(paths.stateFile());
  const prev: FolderState = prevRaw ? (JSON.parse(prevRaw) as FolderState) : { lab, rendered: {} };
  const state: FolderState = { lab, rendered: {} };
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
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, content);
      report.written.push(rel);
    }
    state.rendered[rel] = sha256(content);
  }
  await mkdir(paths.root, { recursive: true });
  await writeFile(paths.stateFile(), JSON.stringify(state, null, 2) + "\n");
  return report;
}
