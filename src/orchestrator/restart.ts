import { KINDS } from "../kinds/index.js";
import { LabPaths } from "../labs/lab-paths.js";
import type { LabContainer, Runtime } from "../runtime/runtime.js";
import { waitForContainer } from "./readiness.js";
import { type LabInstance, labNodeOf, tomcatNames } from "./discover.js";

const RESTART_TIMEOUT_MS = 90_000;

/**
 * Starts a container a drill or verify stopped and waits until its kind says it is ready, so the lab
 * is whole again. Not abortable on purpose: Ctrl-C must not leave the lab half-stopped.
 */
export async function startAndWait(runtime: Runtime, lab: LabInstance, c: LabContainer): Promise<void> {
  const node = labNodeOf(c);
  const target = (x: LabContainer) => ({
    runtime,
    containerId: x.id,
    node: labNodeOf(x),
    paths: new LabPaths(lab.dir),
    url: lab.url,
    tomcats: tomcatNames(lab),
  });
  await runtime.startContainer(c.id);
  // The same wait as `up`: a container that exits on start fails at once, with its last log lines.
  await waitForContainer(
    runtime,
    { id: c.id, name: c.name, label: node.name },
    () => KINDS[node.kind].ready(target(c)),
    { timeoutMs: RESTART_TIMEOUT_MS },
  );
  for (const peer of lab.containers) {
    if (peer.id !== c.id) await KINDS[labNodeOf(peer).kind]?.afterPeerRestart?.(target(peer));
  }
}
