import { purgeLabFolder } from "../labs/lab-folder.js";
import { LabPaths } from "../labs/lab-paths.js";
import { EXIT_COULD_NOT_RUN, SessionlabError } from "../core/errors.js";
import type { Runtime } from "../runtime/runtime.js";
import { LABEL_DIR, LABEL_LAB } from "../runtime/labels.js";

export interface DownResult {
  labs: string[];
  containers: string[];
  networks: string[];
  images: string[];
  /** with purgeDir: lab folders whose sessionlab files were deleted */
  removedDirs: string[];
  /** files the user added to a purged lab folder, left in place */
  keptFiles: string[];
}

/**
 * Removes what sessionlab created for one lab (or every lab with `lab` undefined), found by label
 * only, so nothing without sessionlab's labels is ever touched. Idempotent: nothing found is success.
 */
export async function teardown(
  runtime: Runtime,
  lab: string | undefined,
  opts: { purgeDir?: boolean; images?: boolean } = {},
): Promise<DownResult> {
  const containers = await runtime.listContainers(lab);
  const dirs = new Set(containers.map((c) => c.labels[LABEL_DIR]).filter((d): d is string => Boolean(d)));
  const labs = new Set(containers.map((c) => c.labels[LABEL_LAB]).filter((l): l is string => Boolean(l)));
  // Keep going past individual failures (e.g. a concurrent `down` removed one first): what is
  // already gone is done; whatever really could not be removed is reported, not hidden.
  const failures: string[] = [];
  const attempt = async (what: string, remove: () => Promise<void>) => {
    try {
      await remove();
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode !== 404)
        failures.push(`${what}: ${(e as Error).message}`);
    }
  };
  await Promise.all(
    containers.map((c) => attempt(`container ${c.name}`, () => runtime.removeContainer(c.id))),
  );
  const networks = await runtime.listNetworks(lab);
  for (const n of networks) if (n.labels[LABEL_DIR]) dirs.add(n.labels[LABEL_DIR]);
  for (const n of networks) {
    labs.add(n.labels[LABEL_LAB] ?? n.name);
    await attempt(`network ${n.name}`, () => runtime.removeNetwork(n.id));
  }
  if (failures.length) {
    throw new SessionlabError(
      `could not remove everything of ${lab ?? "sessionlab's labs"}`,
      "run `sessionlab down` again; if it still fails, remove these with `docker rm -f` / `docker network rm`",
      EXIT_COULD_NOT_RUN,
      failures,
    );
  }
  const images: string[] = [];
  if (opts.images) {
    for (const img of await runtime.listImages()) {
      try {
        await runtime.removeImage(img.id);
        images.push(...img.tags);
      } catch {
        // still used by another lab's containers: keep it
      }
    }
  }
  const removedDirs: string[] = [];
  const keptFiles: string[] = [];
  if (opts.purgeDir) {
    // Labels are gone after a plain `down`: then purge the folder `up` would have used here.
    if (!dirs.size) for (const p of await LabPaths.foldersIn(process.cwd(), lab)) dirs.add(p.root);
    for (const d of dirs) {
      const { removed, kept } = await purgeLabFolder(new LabPaths(d));
      if (removed.length) removedDirs.push(d);
      keptFiles.push(...kept.map((k) => `${d}/${k}`));
    }
  }
  return {
    labs: [...labs].sort(),
    containers: containers.map((c) => c.name).sort(),
    networks: networks.map((n) => n.name).sort(),
    images,
    removedDirs,
    keptFiles,
  };
}
