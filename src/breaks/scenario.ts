/**
 * What a break scenario is: metadata (name, one-line summary, which labs it applies to, what it edits,
 * the symptom to expect, the diff-config rule that must name the cause) and a plan of edits as pure
 * text-in → text-out functions, so the registry and every edit are unit-tested without an engine.
 */
import type { ManagerFlavor } from "../kinds/settings.js";
import type { NodeKindName } from "../labs/definition.js";
import type { LabPaths } from "../labs/lab-paths.js";

/** What a scenario may look at to decide whether it applies: the lab's topology, manager and kinds. */
export interface LabFacts {
  /** the lab's kind (memcached, redis, …), for messages only: applicability never reads it */
  lab: string;
  manager: string;
  flavor: ManagerFlavor;
  /** the Tomcat release the lab's containers run, e.g. "9.0.117" */
  tomcatVersion: string;
  /** Tomcat node names, e.g. tomcat1, tomcat2 */
  tomcats: string[];
  /** store node names (memcached1, redis, …) */
  stores: string[];
  kinds: NodeKindName[];
  /** nginx's balancing: round-robin or route-sticky */
  balancing: string;
  /** the jar files the lab's Tomcat image puts in lib/, the manager's own first */
  jars: string[];
}

/** One text edit of a rendered config file, relative to the lab folder. */
export interface FileEdit {
  /** the file, from the lab folder's paths */
  path(p: LabPaths): string;
  /** the edit: the file's text in, the broken text out (throws when what it edits is not there) */
  edit(text: string): string;
}

/** A command run inside a node's container (for what the image bakes in, like lib/ jars). */
export interface ContainerEdit {
  node: string;
  cmd: string[];
  user?: string;
}

export interface BreakPlan {
  files: FileEdit[];
  exec: ContainerEdit[];
  /** nodes restarted after the edits, so they read them */
  restart: string[];
}

/** verify fails (a check names it), or it still passes and only diff-config names the mistake. */
export type Expectation = "verify-fails" | "verify-passes";

export interface BreakScenario {
  name: string;
  /** one line, for --list and the console's menu */
  summary: string;
  /** which labs it applies to, in words (said when it does not apply) */
  appliesTo: string;
  /** undefined when it applies to a lab with these facts, else why not */
  notApplicable(f: LabFacts): string | undefined;
  /** what it edits, in words */
  edits: string;
  /** the symptom to expect, in words */
  symptom: string;
  expect: Expectation;
  /** the diff-config rule that must name the cause at file:line:column */
  rule: string;
  plan(f: LabFacts): BreakPlan;
}

/** Thrown by an edit whose target is not in the file (the user changed it already). */
export class EditNotPossible extends Error {}

/** Replaces the one match of `re` (with its groups available to `to`), or says what was missing. */
export function replaceOnce(
  text: string,
  re: RegExp,
  to: (m: RegExpExecArray) => string,
  what: string,
): string {
  const m = re.exec(text);
  if (!m) throw new EditNotPossible(`no ${what} found`);
  return text.slice(0, m.index) + to(m) + text.slice(m.index + m[0].length);
}

/** The live `<Manager className="…" …>` element of a context.xml (not the commented-out example). */
export const LIVE_MANAGER = /<Manager\s+className="([^"]*)"[^>]*>/;

/** Every Tomcat's context.xml, edited the same way: people paste one config into every Tomcat. */
export function everyContextXml(f: LabFacts, edit: (text: string) => string): FileEdit[] {
  return f.tomcats.map((t) => ({ path: (p: LabPaths) => p.contextXml(t), edit }));
}
