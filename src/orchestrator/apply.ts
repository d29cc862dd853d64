/**
 * Carries out a plan on a runtime: build what is missing, replace what changed, create the network
 * and containers in start order, wait for each kind's readiness, and on failure or Ctrl-C remove the
 * half-made lab. The engine is behind the Runtime interface, so this runs on a fake in unit tests.
 */
import { SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import type { NodeKind, NodeTarget } from "../kinds/kind.js";
import type { LabNode } from "../labs/definition.js";
import type { ImageSpec } from "../labs/images.js";
import type { LabPaths } from "../labs/lab-paths.js";
import {
  LABEL_CONTENT_HASH,
  LABEL_MANAGED,
  LABEL_NODE,
  LABEL_NODE_INDEX,
  LABEL_NODE_KIND,
  LABEL_ROLE,
  labLabels,
} from "../runtime/labels.js";
import type { ContainerSpec, LabContainer, Runtime } from "../runtime/runtime.js";
import { type LabInstance, nodeOf } from "./discover.js";
import { teardown } from "./down.js";
import { containerName, networkName } from "./names.js";
import type { Plan } from "./plan.js";
import type { PreparedGroup } from "./prepare.js";
import { waitForContainer } from "./readiness.js";

export interface ApplyOptions {
  instance: string;
  paths: LabPaths;
  url: string;
  baseImage: string;
  /** labels every container and the network carry (lab, kind, variant, fingerprint, …) */
  labLabels: Record<string, string>;
  keep: boolean;
  timeoutMs: number;
  signal: AbortSignal;
  progress: Progress;
  /** checks the published port is free before containers are created (a real socket in `up`) */
  assertPortFree: () => Promise<void>;
  /** readiness of a node; defaults to its kind's own wait (tests swap it) */
  ready?: (kind: NodeKind, target: NodeTarget) => Promise<boolean>;
}

export interface Applied {
  containers: ContainerSpec[] | LabContainer[];
  alreadyRunning: boolean;
}

/** The containers of a prepared lab, in start order. */
export function containerSpecs(
  groups: PreparedGroup[],
  o: Pick<ApplyOptions, "instance" | "labLabels">,
): ContainerSpec[] {
  return groups.flatMap((g) =>
    g.nodes.map((node) => {
      const { aliases = [], ...own } = g.prepared.container(node);
      return {
        name: containerName(o.instance, node.name),
        image: g.prepared.image.tag,
        network: networkName(o.instance),
        // its node name first: the wait and the plan find a container by it
        aliases: [node.name, ...aliases],
        labels: labLabels(o.instance, {
          ...o.labLabels,
          [LABEL_ROLE]: g.kind.role,
          [LABEL_NODE]: node.name,
          [LABEL_NODE_KIND]: node.kind,
          [LABEL_NODE_INDEX]: String(node.index),
          [LABEL_CONTENT_HASH]: g.prepared.image.hash,
        }),
        ...own,
      };
    }),
  );
}

export async function applyPlan(
  runtime: Runtime,
  plan: Plan,
  groups: PreparedGroup[],
  o: ApplyOptions,
): Promise<Applied> {
  const { progress, signal } = o;
  const ready = o.ready ?? ((kind, t) => kind.ready(t));
  const tomcats = groups.filter((g) => g.kind.name === "tomcat").flatMap((g) => g.nodes.map((n) => n.name));
  const target = (node: LabNode, id: string): NodeTarget => ({
    runtime,
    containerId: id,
    node,
    paths: o.paths,
    url: o.url,
    tomcats,
  });
  const waitOpts = (s: AbortSignal) => ({ timeoutMs: o.timeoutMs, signal: s });

  if (plan.action === "reuse") {
    progress.step(plan.message);
    const last = groups.at(-1)!;
    const node = last.nodes[0]!;
    const c = plan.existing.containers.find((x) => nodeOf(x) === node.name)!;
    await waitForContainer(
      runtime,
      { id: c.id, name: c.name, label: node.name },
      () => ready(last.kind, target(node, c.id)),
      waitOpts(signal),
    );
    progress.done();
    return { containers: plan.existing.containers, alreadyRunning: true };
  }

  // Build before removing a running lab, so a failed build leaves the old lab as it was.
  for (const img of uniqueImages(groups)) await ensureImage(runtime, img, o.baseImage, progress, signal);
  if (plan.action === "replace") {
    progress.info(plan.message);
    await teardown(runtime, o.instance);
  }
  await o.assertPortFree();

  const waitsDone = new AbortController();
  const specs = containerSpecs(groups, o);
  try {
    const counts = groups.map((g) => `${g.nodes.length > 1 ? `${g.nodes.length} × ` : ""}${g.kind.name}`);
    progress.step(`starting ${o.instance}: network, ${counts.join(", ")}`);
    await runtime.ensureNetwork(networkName(o.instance), labLabels(o.instance, o.labLabels));
    const ids = new Map<string, string>();
    for (const spec of specs) {
      signal.throwIfAborted();
      ids.set(spec.aliases[0]!, await runtime.createAndStart(spec));
    }
    progress.done();

    progress.step(`waiting for ${groups.map((g) => g.nodes.map((n) => n.name).join(", ")).join(", then ")}`);
    // One failed wait ends the others at once, instead of leaving them polling until their deadline.
    const waitSignal = AbortSignal.any([signal, waitsDone.signal]);
    for (const g of groups) {
      await Promise.all(
        g.nodes.map((n) =>
          waitForContainer(
            runtime,
            { id: ids.get(n.name)!, name: containerName(o.instance, n.name), label: n.name },
            () => ready(g.kind, target(n, ids.get(n.name)!)),
            waitOpts(waitSignal),
          ),
        ),
      );
    }
    progress.done(`${o.url} serves ${tomcats.join(", ")}`);
    return { containers: specs, alreadyRunning: false };
  } catch (e) {
    waitsDone.abort(e);
    progress.fail();
    if (!o.keep) {
      try {
        await teardown(runtime, o.instance);
        progress.info(`removed the half-made lab ${o.instance} (use --keep to leave it for inspection)`);
      } catch (t) {
        progress.warn(`${(t as Error).message}: run \`sessionlab down ${o.instance}\``);
      }
    }
    throw e;
  }
}

function uniqueImages(groups: PreparedGroup[]): ImageSpec[] {
  const seen = new Map<string, ImageSpec>();
  for (const g of groups) seen.set(g.prepared.image.tag, g.prepared.image);
  return [...seen.values()];
}

async function ensureImage(
  runtime: Runtime,
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

export type { LabInstance };
