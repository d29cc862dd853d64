/**
 * What `up` must do, decided from what is wanted and what runs, without touching the engine:
 * reuse a lab that runs unchanged, create a new one, or replace one whose build, configs or
 * options changed. Errors for conflicts (another lab of that name or on that port) come from here.
 */
import { resolve } from "node:path";
import { SessionlabError } from "../core/errors.js";
import { listLabNamesSync } from "../labs/definition.js";
import { LABEL_FINGERPRINT, LABEL_TOPOLOGY, LABEL_VARIANT } from "../runtime/labels.js";
import type { LabInstance } from "./discover.js";

export interface Desired {
  instance: string;
  /** lab kind: the topology's name */
  kind: string;
  variant: string;
  /** where the lab's topology comes from: "builtin:<name>" or the folder of the user's own lab */
  source: string;
  fingerprint: string;
  port: number;
  containers: number;
}

export type Plan =
  | { action: "create"; message: string }
  | { action: "reuse"; existing: LabInstance; message: string }
  | { action: "replace"; existing: LabInstance; message: string };

export function planUp(want: Desired, labs: LabInstance[]): Plan {
  const existing = labs.find((l) => l.instance === want.instance);
  if (existing && existing.kind && existing.kind !== want.kind) {
    throw new SessionlabError(
      `a lab named "${want.instance}" of kind "${existing.kind}" already exists`,
      `run \`sessionlab down ${want.instance}\` first, or pick another --name`,
    );
  }
  const had = existing?.containers[0]?.labels[LABEL_TOPOLOGY];
  if (existing && had && sourceOf(had) !== want.source) {
    throw new SessionlabError(
      `a lab named "${want.instance}" from ${sourceOf(had).replace(/^builtin:/, "sessionlab's lab ")} already exists`,
      `pick another --name, or remove it first with \`sessionlab down ${want.instance}\``,
    );
  }
  const holder = labs.find((l) => l.instance !== want.instance && l.port === want.port);
  if (holder) {
    throw new SessionlabError(
      `port ${want.port} on 127.0.0.1 is used by the sessionlab lab "${holder.instance}"`,
      `stop it with \`sessionlab down ${holder.instance}\`, or pick another port with --port`,
    );
  }
  if (!existing) return { action: "create", message: `creating lab ${want.instance}` };
  const cs = existing.containers;
  const complete = cs.length === want.containers;
  const running = complete && cs.every((c) => c.state === "running");
  const unchanged = cs.length > 0 && cs.every((c) => c.labels[LABEL_FINGERPRINT] === want.fingerprint);
  if (running && unchanged)
    return {
      action: "reuse",
      existing,
      message: `lab ${want.instance} is already running; checking it answers`,
    };
  const was = cs[0]?.labels[LABEL_VARIANT];
  const message =
    was && was !== want.variant
      ? `lab ${want.instance} runs ${was}; replacing it with ${want.variant}`
      : running
        ? `lab ${want.instance}'s configs or options changed; recreating its containers`
        : `lab ${want.instance} is incomplete or stopped; recreating its containers`;
  return { action: "replace", existing, message };
}

/** A topology folder as a source: built-in labs by name (their folder moves with sessionlab), others by path. */
export function sourceOf(topologyDir: string): string {
  const m = /[/\\]labs[/\\]([a-z0-9_-]+)[/\\]?$/.exec(topologyDir);
  return m && listLabNamesSync().includes(m[1]!) ? `builtin:${m[1]}` : resolve(topologyDir);
}
