import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import { type LabVariant, NODES, loadLab, selectVariant, variantLabel } from "../labs/definition.js";
import { writeLabFolder } from "../labs/lab-folder.js";
import { LabPaths } from "../labs/lab-paths.js";
import { type ImageSpec, baseImage } from "../labs/images.js";
import { type ContainerSpec, DockerRuntime } from "../runtime/docker.js";
import {
  LABEL_CONTENT_HASH,
  LABEL_DIR,
  LABEL_FINGERPRINT,
  LABEL_KIND,
  LABEL_MANAGED,
  LABEL_MANAGER,
  LABEL_NODE,
  LABEL_PORT,
  LABEL_ROLE,
  LABEL_VARIANT,
  type Role,
  labLabels,
} from "../runtime/labels.js";
import { storeAdapter } from "../stores/index.js";
import { type LabInstance, containerSummary, listLabs, roleOf } from "./discover.js";
import { teardown } from "./down.js";
import { containerName, isValidInstanceName, networkName } from "./names.js";
import { type LabSettings, type Prepared, checkOptions, prepareLab } from "./prepare.js";
import { type Waitable, nginxServesAll, tomcatAnswers, waitForContainer } from "./readiness.js";

export interface UpOptions extends LabSettings {
  lab: string;
  manager?: string;
  tomcat?: string;
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
  const variant = selectVariant(await loadLab(opts.lab), opts);
  checkOptions(variant, opts);
  const { def } = variant;
  const instance = opts.name ?? def.name;
  if (!isValidInstanceName(instance)) {
    throw new SessionlabError(
      `invalid lab name "${instance}"`,
      "use lower-case letters, digits, - and _ (max 41)",
    );
  }
  const { progress, signal } = opts;
  const runtime = await DockerRuntime.connect();
  const url = `http://127.0.0.1:${opts.port}`;
  const seconds = () => (Date.now() - started) / 1000;

  const labs = await listLabs(runtime);
  const existing = labs.find((l) => l.instance === instance);
  if (existing && existing.kind !== def.name) {
    throw new SessionlabError(
      `a lab named "${instance}" of kind "${existing.kind}" already exists`,
      `run \`sessionlab down ${instance}\` first, or pick another --name`,
    );
  }
  const holder = labs.find((l) => l.instance !== instance && l.port === opts.port);
  if (holder) {
    throw new SessionlabError(
      `port ${opts.port} on 127.0.0.1 is used by the sessionlab lab "${holder.instance}"`,
      `stop it with \`sessionlab down ${holder.instance}\`, or pick another port with --port`,
    );
  }
  // Our own lab may hold the port; then it is checked once that lab is replaced.
  if (existing?.port !== opts.port) await assertPortFree(opts.port);

  const paths = opts.dir
    ? new LabPaths(opts.dir)
    : existing?.dir
      ? new LabPaths(existing.dir)
      : LabPaths.defaultFor(instance);
  const base = baseImage(opts.baseImage);
  const prepared = await prepareLab(variant, paths, { ...opts, baseImage: base });
  const report = await writeLabFolder(paths, def.name, prepared.files, { reset: opts.resetConfig });
  for (const f of report.keptEdits)
    progress.warn(`keeping your edited ${f} (use --reset-config to replace it; a .bak is kept)`);
  for (const f of report.backedUp) progress.info(`backed up your edited ${f} to ${f}.bak`);
  const images = [prepared.images.store, prepared.images.tomcat, prepared.images.nginx].filter(
    (i): i is ImageSpec => Boolean(i),
  );
  const fingerprint = await labFingerprint(images, [...prepared.files.keys()], opts.port);

  if (existing) {
    const complete = existing.containers.length === NODES.length + 1 + (def.store ? 1 : 0);
    const running = complete && existing.containers.every((c) => c.state === "running");
    const unchanged = existing.containers.every((c) => c.labels[LABEL_FINGERPRINT] === fingerprint);
    if (running && unchanged) {
      progress.step(`lab ${instance} is already running; checking it answers`);
      const nginx = existing.containers.find((c) => roleOf(c) === "nginx")!;
      await waitForContainer(
        runtime,
        { id: nginx.id, name: nginx.name, label: "nginx" },
        () => nginxServesAll(url, NODES),
        {
          timeoutMs: opts.timeoutMs,
          signal,
        },
      );
      progress.done();
      return {
        ...describe(existing, variant),
        alreadyRunning: true,
        keptEdits: report.keptEdits,
        seconds: seconds(),
      };
    }
  }

  // Build before removing a running lab, so a failed build leaves the old lab as it was.
  for (const img of images) await ensureImage(runtime, img, base, progress, signal);
  if (existing) {
    const was = existing.containers[0]!.labels[LABEL_VARIANT];
    progress.info(
      was !== variantLabel(variant)
        ? `lab ${instance} runs ${was}; replacing it with ${variantLabel(variant)}`
        : existing.containers.every((c) => c.state === "running")
          ? `lab ${instance}'s configs or options changed; recreating its containers`
          : `lab ${instance} is incomplete or stopped; recreating its containers`,
    );
    await teardown(runtime, instance);
    if (existing.port === opts.port) await assertPortFree(opts.port);
  }

  const waitsDone = new AbortController();
  try {
    progress.step(`starting ${instance}: network, ${def.store ? `${def.store.kind}, ` : ""}2 Tomcats, nginx`);
    const labels = (role: Role, node: string, hash: string) =>
      labLabels(instance, {
        [LABEL_KIND]: def.name,
        [LABEL_VARIANT]: variantLabel(variant),
        [LABEL_MANAGER]: variant.managerName,
        [LABEL_ROLE]: role,
        [LABEL_NODE]: node,
        [LABEL_DIR]: paths.root,
        [LABEL_PORT]: String(opts.port),
        [LABEL_CONTENT_HASH]: hash,
        [LABEL_FINGERPRINT]: fingerprint,
      });
    await runtime.ensureNetwork(
      networkName(instance),
      labLabels(instance, { [LABEL_KIND]: def.name, [LABEL_DIR]: paths.root }),
    );
    const specs = containerSpecs(variant, instance, paths, prepared, opts.port, labels);
    const ids = new Map<string, string>();
    for (const spec of specs) {
      signal.throwIfAborted();
      ids.set(spec.labels[LABEL_NODE]!, await runtime.createAndStart(spec));
    }
    progress.done();

    const waitable = (node: string): Waitable => ({
      id: ids.get(node)!,
      name: containerName(instance, node),
      label: node,
    });
    progress.step(
      `waiting for ${def.store ? `${def.store.kind}, ` : ""}both Tomcats, then both through nginx`,
    );
    // One failed wait ends the others at once, instead of leaving them polling until their deadline.
    const waitOpts = { timeoutMs: opts.timeoutMs, signal: AbortSignal.any([signal, waitsDone.signal]) };
    if (def.store) {
      const store = waitable(def.store.host);
      const adapter = storeAdapter(def.store.kind, prepared.redisPassword);
      await waitForContainer(runtime, store, () => adapter.ping(runtime, store.id), waitOpts);
    }
    await Promise.all(
      NODES.map((n) =>
        waitForContainer(runtime, waitable(n), () => tomcatAnswers(runtime, ids.get(n)!), waitOpts),
      ),
    );
    await waitForContainer(runtime, waitable("nginx"), () => nginxServesAll(url, NODES), waitOpts);
    progress.done(`${url} serves ${NODES.join(" and ")}`);

    return {
      instance,
      lab: def.name,
      variant: variantLabel(variant),
      url,
      dir: paths.root,
      alreadyRunning: false,
      containers: specs.map(containerSummary),
      keptEdits: report.keptEdits,
      seconds: seconds(),
    };
  } catch (e) {
    waitsDone.abort(e);
    progress.fail();
    if (!opts.keep) {
      try {
        await teardown(runtime, instance);
        progress.info(`removed the half-made lab ${instance} (use --keep to leave it for inspection)`);
      } catch (t) {
        progress.warn(`${(t as Error).message}: run \`sessionlab down ${instance}\``);
      }
    }
    throw e;
  }
}

function describe(
  lab: LabInstance,
  variant: LabVariant,
): Omit<UpResult, "alreadyRunning" | "keptEdits" | "seconds"> {
  return {
    instance: lab.instance,
    lab: lab.kind,
    variant: variantLabel(variant),
    url: lab.url,
    dir: lab.dir,
    containers: lab.containers.map(containerSummary),
  };
}

function containerSpecs(
  variant: LabVariant,
  instance: string,
  paths: LabPaths,
  prepared: Prepared,
  port: number,
  labels: (role: Role, node: string, hash: string) => Record<string, string>,
): ContainerSpec[] {
  const { def, manager } = variant;
  const { images } = prepared;
  const network = networkName(instance);
  const specs: ContainerSpec[] = [];
  if (def.store && images.store) {
    specs.push({
      name: containerName(instance, def.store.host),
      image: images.store.tag,
      network,
      aliases: [def.store.host],
      labels: labels("store", def.store.host, images.store.hash),
      binds:
        def.store.kind === "redis"
          ? [{ host: paths.redisConf(), container: "/etc/redis/sessionlab.conf" }]
          : [],
    });
  }
  for (const node of NODES) {
    specs.push({
      name: containerName(instance, node),
      image: images.tomcat.tag,
      network,
      aliases: [node],
      labels: labels("tomcat", node, images.tomcat.hash),
      binds: [
        { host: paths.serverXml(node), container: "/opt/tomcat/conf/server.xml" },
        { host: paths.contextXml(node), container: "/opt/tomcat/conf/context.xml" },
        ...Object.keys(manager.confFiles ?? {}).map((name) => ({
          host: paths.confFile(node, name),
          container: `/opt/tomcat/conf/${name}`,
        })),
        { host: paths.webappDir(node), container: "/opt/tomcat/webapps/ROOT" },
      ],
    });
  }
  specs.push({
    name: containerName(instance, "nginx"),
    image: images.nginx.tag,
    network,
    aliases: ["nginx"],
    labels: labels("nginx", "nginx", images.nginx.hash),
    binds: [{ host: paths.nginxConf(), container: "/etc/nginx/nginx.conf" }],
    publish: { containerPort: 80, hostPort: port },
  });
  return specs;
}

async function ensureImage(
  runtime: DockerRuntime,
  img: ImageSpec,
  base: string,
  progress: Progress,
  signal: AbortSignal,
): Promise<void> {
  if (await runtime.imageExists(img.tag)) return;
  progress.step(`building ${img.tag} on ${base}`);
  let steps = 0;
  try {
    await runtime.buildImage({
      tag: img.tag,
      files: img.files,
      buildArgs: img.buildArgs,
      labels: { [LABEL_MANAGED]: "true", [LABEL_ROLE]: img.role, [LABEL_CONTENT_HASH]: img.hash },
      onLine: (l) => {
        if (/^Step \d+\/\d+/.test(l)) steps++;
      },
      signal,
    });
  } catch (e) {
    progress.fail();
    if (signal.aborted) throw signal.reason;
    const msg = (e as Error).message;
    if (!(await runtime.imageExists(base))) {
      throw new SessionlabError(
        `the base image ${base} is not on this machine and could not be pulled (${msg.split("\n")[0]})`,
        `pull it (\`docker pull ${base}\`), or name a local Debian bookworm image with --base-image / SESSIONLAB_BASE_IMAGE`,
      );
    }
    throw e;
  }
  progress.done(`${steps} steps`);
}

async function assertPortFree(port: number): Promise<void> {
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
async function labFingerprint(images: ImageSpec[], files: string[], port: number): Promise<string> {
  const hash = createHash("sha256").update(`${port}\0`);
  for (const img of images) hash.update(`${img.tag}\0`);
  for (const f of [...files].sort())
    hash
      .update(`${f}\0`)
      .update(await readFile(f))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}
