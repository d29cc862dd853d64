import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { checkWritableDir } from "../core/dirs.js";
import { SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import { loadLab, selectVariant, variantLabel } from "../labs/definition.js";
import { writeLabFolder } from "../labs/lab-folder.js";
import { LabPaths } from "../labs/lab-paths.js";
import { type ImageSpec, baseImage } from "../labs/images.js";
import { connectRuntime } from "../runtime/connect.js";
import {
  LABEL_DIR,
  LABEL_FINGERPRINT,
  LABEL_KIND,
  LABEL_MANAGER,
  LABEL_PORT,
  LABEL_TOPOLOGY,
  LABEL_VARIANT,
} from "../runtime/labels.js";
import type { Runtime } from "../runtime/runtime.js";
import { applyPlan } from "./apply.js";
import { containerSummary, listLabs } from "./discover.js";
import { lintLabFolder } from "./lint-lab.js";
import { isValidInstanceName } from "./names.js";
import { planUp, sourceOf } from "./plan.js";
import { tomcatVersions } from "../kinds/tomcat.js";
import { type LabSettings, checkOptions, prepareLab } from "./prepare.js";

export interface UpOptions extends LabSettings {
  /** a built-in lab's name, or the folder of the user's own lab */
  lab: string;
  manager?: string;
  tomcat?: string;
  tomcats?: number;
  /** how cluster members find each other (a lab with Tomcat's own cluster) */
  membership?: string;
  name?: string;
  port: number;
  dir?: string;
  keep: boolean;
  jarsDir?: string;
  mavenRepo?: string;
  baseImage?: string;
  resetConfig: boolean;
  timeoutMs: number;
  signal: AbortSignal;
  progress: Progress;
  /** checks the lab folder's configs before any container starts (default: diff-config's rules) */
  lintConfigs?: (root: string) => Promise<void>;
  runtime?: Runtime;
}

export interface UpResult {
  instance: string;
  lab: string;
  variant: string;
  url: string;
  dir: string;
  alreadyRunning: boolean;
  containers: Array<ReturnType<typeof containerSummary>>;
  keptEdits: string[];
  seconds: number;
}

export async function up(opts: UpOptions): Promise<UpResult> {
  const started = Date.now();
  const def = await loadLab(opts.lab);
  const variant = selectVariant(def, opts);
  checkOptions(variant, opts);
  const instance = opts.name ?? def.name;
  if (!isValidInstanceName(instance)) {
    throw new SessionlabError(
      `invalid lab name "${instance}"`,
      "use lower-case letters, digits, - and _ (max 41)",
    );
  }
  const { progress, signal } = opts;
  // An own lab folder that cannot be written fails before the engine is asked anything (--dir: in the command).
  if (def.userFolder && !opts.dir)
    await checkWritableDir(def.dir, "lab folder", "make the folder writable, or render elsewhere with --dir");
  const runtime = opts.runtime ?? (await connectRuntime());
  const url = `http://127.0.0.1:${opts.port}`;

  const labs = await listLabs(runtime);
  const existing = labs.find((l) => l.instance === instance);
  // Our own lab may hold the port; then it is checked once that lab is replaced.
  if (existing?.port !== opts.port && !labs.some((l) => l.port === opts.port))
    await assertPortFree(opts.port);

  // A user's own lab folder is also where its configs are rendered (and edited).
  const paths = opts.dir
    ? new LabPaths(opts.dir)
    : def.userFolder
      ? new LabPaths(def.dir)
      : existing?.dir
        ? new LabPaths(existing.dir)
        : LabPaths.defaultFor(instance);
  const base = baseImage(opts.baseImage);
  const prepared = await prepareLab(variant, paths, { ...opts, baseImage: base });
  const report = await writeLabFolder(paths, def.name, prepared.files, {
    reset: opts.resetConfig,
    versions: tomcatVersions(variant),
  });
  for (const f of report.keptEdits)
    progress.warn(`keeping your edited ${f} (use --reset-config to replace it; a .bak is kept)`);
  for (const f of report.backedUp) progress.info(`backed up your edited ${f} to ${f}.bak`);
  await (opts.lintConfigs ?? lintLabFolder)(paths.root);
  // A container's environment and extra network names count too (a cluster's membership settings).
  const settingsOf = prepared.groups.flatMap((g) =>
    g.nodes.map((n) => {
      const { env, aliases } = g.prepared.container(n);
      return JSON.stringify([n.name, env ?? {}, aliases ?? []]);
    }),
  );
  const fingerprint = await labFingerprint(
    prepared.images,
    [...prepared.files.keys()],
    opts.port,
    settingsOf,
  );

  const want = {
    instance,
    kind: def.name,
    variant: variantLabel(variant),
    source: sourceOf(def.dir),
    fingerprint,
    port: opts.port,
    containers: variant.nodes.length,
  };
  const plan = planUp(want, labs);
  const applied = await applyPlan(runtime, plan, prepared.groups, {
    instance,
    paths,
    url,
    baseImage: base,
    labLabels: {
      [LABEL_KIND]: def.name,
      [LABEL_TOPOLOGY]: def.dir,
      [LABEL_VARIANT]: want.variant,
      [LABEL_MANAGER]: variant.managerName,
      [LABEL_DIR]: paths.root,
      [LABEL_PORT]: String(opts.port),
      [LABEL_FINGERPRINT]: fingerprint,
    },
    keep: opts.keep,
    timeoutMs: opts.timeoutMs,
    signal,
    progress,
    assertPortFree: () => assertPortFree(opts.port),
  });
  return {
    instance,
    lab: def.name,
    variant: want.variant,
    url,
    dir: paths.root,
    alreadyRunning: applied.alreadyRunning,
    containers: applied.containers.map(containerSummary),
    keptEdits: report.keptEdits,
    seconds: (Date.now() - started) / 1000,
  };
}

export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE"
          ? new SessionlabError(
              `port ${port} on 127.0.0.1 is already in use`,
              `pick a free port with --port, or stop what listens there (\`ss -ltnp 'sport = :${port}'\`)`,
            )
          : new SessionlabError(`cannot use port ${port} on 127.0.0.1: ${e.message}`, "pick another --port"),
      ),
    );
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve()));
  });
}

/** What the containers would run: image tags, the published port, and the config files as they are on disk. */
async function labFingerprint(
  images: ImageSpec[],
  files: string[],
  port: number,
  containerSettings: string[],
): Promise<string> {
  const hash = createHash("sha256").update(`${port}\0`);
  for (const c of containerSettings) hash.update(`${c}\0`);
  for (const img of images) hash.update(`${img.tag}\0`);
  for (const f of [...files].sort())
    hash
      .update(`${f}\0`)
      .update(await readFile(f))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}
