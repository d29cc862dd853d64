/** Every label sessionlab puts on what it creates; cleanup and discovery are keyed on these. */
export const LABEL_MANAGED = "io.sessionlab.managed";
export const LABEL_LAB = "io.sessionlab.lab";
export const LABEL_KIND = "io.sessionlab.kind";
export const LABEL_ROLE = "io.sessionlab.role";
export const LABEL_NODE = "io.sessionlab.node";
/** the node's kind (tomcat, nginx, memcached, redis) and its 1-based position in its group */
export const LABEL_NODE_KIND = "io.sessionlab.node-kind";
export const LABEL_NODE_INDEX = "io.sessionlab.node-index";
/** folder of the lab's topology file (a built-in lab's, or the user's own lab folder) */
export const LABEL_TOPOLOGY = "io.sessionlab.topology";
/** lab/manager@tomcatN: what was built, so `up` can tell "already running" from "changed" */
export const LABEL_VARIANT = "io.sessionlab.variant";
export const LABEL_MANAGER = "io.sessionlab.manager";
export const LABEL_DIR = "io.sessionlab.dir";
export const LABEL_PORT = "io.sessionlab.port";
export const LABEL_CONTENT_HASH = "io.sessionlab.content-hash";
/** hash of a lab's images, port and config files as mounted: changes mean "recreate" */
export const LABEL_FINGERPRINT = "io.sessionlab.fingerprint";

export type Role = "nginx" | "tomcat" | "store";

export function labLabels(lab: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [LABEL_MANAGED]: "true", [LABEL_LAB]: lab, ...extra };
}

/** Docker filter for everything of one lab, or of every lab when `lab` is undefined. */
export function labFilter(lab?: string): { label: string[] } {
  return { label: lab ? [`${LABEL_MANAGED}=true`, `${LABEL_LAB}=${lab}`] : [`${LABEL_MANAGED}=true`] };
}
