/**
 * The topology file (`lab.json`) of a lab: which nodes it runs, of which kind, with which
 * per-node parameters, the session managers it offers, and the verify scenario it is proven by.
 * Validated with a schema, so a mistake is reported at file:path with what is allowed.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ARTIFACTS } from "../artifacts/catalog.js";
import { SessionlabError } from "../core/errors.js";
import { DRILLS, SCENARIO_NAMES } from "./lab-names.js";

export { DRILLS, type DrillName } from "./lab-names.js";

export const STORE_KINDS = ["memcached", "redis"] as const;
/** round robin; or by the jvmRoute suffix of the session cookie, round robin without one */
export const BALANCING = ["round-robin", "route-sticky"] as const;
/** what a lab promises its users under a drill: sessions (and, for concurrency, updates) kept, or lost by design */
export const PROMISES = ["keeps", "loses"] as const;

const artifactKey = z.string().refine((k) => k in ARTIFACTS, {
  message: `unknown artifact; known: ${Object.keys(ARTIFACTS).join(", ")}`,
});
const template = z.string().regex(/^[\w.-]+$/, "a file name in the lab folder");

const tomcatChoice = z.strictObject({
  distribution: artifactKey,
  jars: z.array(artifactKey),
});

const manager = z.strictObject({
  summary: z.string(),
  tomcat: z.record(z.string().regex(/^\d+(\.\d+)?$/, "a Tomcat major such as 9 or 10.1"), tomcatChoice),
  defaultTomcat: z.string(),
  /** elements inserted into conf/context.xml, or null for Tomcat's default in-memory manager */
  contextManager: template.nullable(),
  /** elements inserted into server.xml's `<Engine>` (Tomcat's own cluster); `{{membership}}` is the chosen membership */
  serverCluster: template.optional(),
  /** extra files rendered into each Tomcat's conf/ (name there → template in the lab folder) */
  confFiles: z.record(template, template).optional(),
  /** how the store names a session's key; {id} is the session id */
  storeKey: z.string().includes("{id}").optional(),
  /** seconds the manager adds to the session timeout for the key's TTL (Redisson: +60) */
  storeTtlExtraSeconds: z.number().int().nonnegative().optional(),
  /**
   * Tomcats start together (default), or one at a time: each container waits until the member before
   * it answers HTTP (labs/images/tomcat/start-tomcat.sh). Two DeltaManager members starting together
   * each queue the other's request for session state while waiting for their own, until
   * stateTransferTimeout (60 s) ends both waits.
   */
  startMembers: z.enum(["together", "one-at-a-time"]).optional(),
  /** what this manager promises under drills, over the lab's promises */
  promises: z.partialRecord(z.enum(DRILLS), z.enum(PROMISES)).optional(),
  /** how many session timeouts the key lives (msm non-sticky: 2, measured TTL 120 s for 60 s) */
  storeTtlFactor: z.number().int().min(1).max(10).optional(),
});

/** one way cluster members find each other (`up --membership`) */
const membershipChoice = z.strictObject({
  summary: z.string(),
  /** the `<Membership>` (or membership interceptor) elements, filled into the cluster as `{{membership}}` */
  template,
  /** rendered once per Tomcat (`{{memberHost}}`, `{{memberIndex}}`, `{{memberUniqueId}}`) into `{{members}}` */
  memberTemplate: template.optional(),
  /** a network name every Tomcat also answers, as a Kubernetes headless Service does */
  alias: z.string().regex(/^[a-z][a-z0-9-]*$/, "a DNS name of lower-case letters, digits and -").optional(),
  /** environment of every Tomcat container */
  env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name"), z.string()).optional(),
});

const count = z.number().int().min(1).max(9);
const nodeGroup = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("nginx"), balancing: z.enum(BALANCING).default("round-robin") }),
  z.strictObject({
    kind: z.literal("tomcat"),
    /** how many Tomcats (tomcat1…tomcatN); `--tomcats N` overrides it within min…max */
    count: z.number().int().min(2).max(5).default(2),
  }),
  z.strictObject({ kind: z.literal("memcached"), count: count.optional() }),
  z.strictObject({ kind: z.literal("redis") }),
]);

const topologyObject = z.strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, "lower-case letters, digits, - and _"),
    summary: z.string(),
    /** node groups by name: a group with `count` becomes <name>1…<name>N, otherwise one node <name> */
    nodes: z.record(z.string().regex(/^[a-z][a-z0-9-]*[a-z-]$|^[a-z]$/, "a name of lower-case letters"), nodeGroup),
    /** the webapp's session-timeout (web.xml), where Tomcat really reads it */
    sessionTimeoutMinutes: z.number().int().positive(),
    defaultManager: z.string(),
    managers: z.record(z.string(), manager),
    /** how the members of Tomcat's own cluster find each other, for managers with `serverCluster` */
    membership: z
      .strictObject({ default: z.string(), choices: z.record(z.string(), membershipChoice) })
      .optional(),
    verify: z.strictObject({ scenario: z.enum(SCENARIO_NAMES) }),
    /** per drill, what the lab promises; a drill not named here is expected to keep every session */
    promises: z.partialRecord(z.enum(DRILLS), z.enum(PROMISES)).optional(),
  });

/** The field names of lab.json, of a manager and of a membership choice (labs/README.md documents each). */
export const TOPOLOGY_FIELDS = {
  lab: Object.keys(topologyObject.shape),
  manager: Object.keys(manager.shape),
  membership: Object.keys(membershipChoice.shape),
};

export const topologySchema = topologyObject.superRefine((t, ctx) => {
    const kinds = Object.values(t.nodes).map((n) => n.kind);
    for (const k of ["nginx", "tomcat"] as const) {
      if (kinds.filter((x) => x === k).length !== 1)
        ctx.addIssue({ code: "custom", path: ["nodes"], message: `needs exactly one ${k} node group` });
    }
    if (kinds.filter((k) => (STORE_KINDS as readonly string[]).includes(k)).length > 1)
      ctx.addIssue({ code: "custom", path: ["nodes"], message: "at most one store node group" });
    if (!(t.defaultManager in t.managers))
      ctx.addIssue({
        code: "custom",
        path: ["defaultManager"],
        message: `names no manager; managers: ${Object.keys(t.managers).join(", ")}`,
      });
    if (t.membership && !(t.membership.default in t.membership.choices))
      ctx.addIssue({
        code: "custom",
        path: ["membership", "default"],
        message: `names no membership; choices: ${Object.keys(t.membership.choices).join(", ")}`,
      });
    for (const [name, m] of Object.entries(t.managers)) {
      if (m.serverCluster && !t.membership)
        ctx.addIssue({
          code: "custom",
          path: ["managers", name, "serverCluster"],
          message: "a cluster needs the lab's `membership` choices",
        });
      if (!(m.defaultTomcat in m.tomcat))
        ctx.addIssue({
          code: "custom",
          path: ["managers", name, "defaultTomcat"],
          message: `names no Tomcat of this manager; it has: ${Object.keys(m.tomcat).join(", ")}`,
        });
    }
  });

export type Topology = z.infer<typeof topologySchema>;
export type NodeGroup = Topology["nodes"][string];
export type ManagerDefinition = Topology["managers"][string];
export type TomcatChoice = ManagerDefinition["tomcat"][string];
export type MembershipChoice = z.infer<typeof membershipChoice>;

/** "nodes.tomcat.count" style path of a schema issue, with array indexes in brackets. */
function issuePath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    "",
  );
}

/** Parses and validates a topology file's text; errors name the file and the path inside it. */
export function parseTopology(file: string, text: string): Topology {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SessionlabError(`${file}: not valid JSON (${(e as Error).message})`, "fix the JSON syntax");
  }
  const res = topologySchema.safeParse(raw);
  if (res.success) return res.data;
  const issues = res.error.issues.map((i) => `${file}: ${issuePath(i.path) || "(top)"}: ${i.message}`);
  throw new SessionlabError(
    issues[0]!,
    "see the lab format in labs/README.md",
    undefined,
    issues.length > 1 ? issues.slice(1) : undefined,
  );
}

export async function readTopology(file: string): Promise<Topology> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new SessionlabError(`cannot read ${file}: ${(e as Error).message}`, "pass a lab name or a lab folder");
  }
  return parseTopology(file, text);
}
