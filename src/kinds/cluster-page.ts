/**
 * A member of Tomcat's own cluster, asked directly inside its container (not through nginx): the
 * members it sees and what it holds of one session. The answers come from the webapp's cluster.jsp
 * (labs/common/webapp), which reads Tomcat's cluster and manager without touching any session.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { LabPaths } from "../labs/lab-paths.js";
import type { Runtime } from "../runtime/runtime.js";
import { getFromTomcat } from "../orchestrator/readiness.js";

export const CLUSTER_PAGE = "cluster.jsp";

/** what this member holds of a session: its own copy (DeltaManager) or, with BackupManager, its role */
export type SessionRole = "primary" | "backup" | "proxy" | "copy";

export interface MemberView {
  node: string;
  manager: string;
  /** the Engine has a cluster */
  clustered: boolean;
  /** the webapp's manager is the cluster's (the webapp is distributable) */
  replicating: boolean;
  /** this member's address, as the cluster knows it */
  self?: string;
  /** the addresses of the other members it sees */
  members: string[];
  /** of the peers asked about, those it does not see */
  missing: string[];
  /** DeltaManager: the session state was received from the cluster when it started */
  stateTransferred?: boolean;
  /** sessions it holds (BackupManager: as primary) */
  sessions: number;
  session: null | {
    id: string;
    role: SessionRole;
    /** BackupManager: the primary's and the backups' addresses */
    primary?: string | null;
    backups?: string[];
  };
}

/** A Tomcat whose webapp has the cluster page is a member of the lab's own cluster. */
export function isClusterMember(paths: LabPaths, node: string): boolean {
  return existsSync(join(paths.webappDir(node), CLUSTER_PAGE));
}

/** Asks one member for its view; `peers` are names it should see as members, `sessionBase` a session to look up. */
export async function askMember(
  runtime: Runtime,
  containerId: string,
  q: { peers?: string[]; sessionBase?: string } = {},
): Promise<MemberView> {
  const params = new URLSearchParams();
  if (q.peers) params.set("peers", q.peers.join(","));
  if (q.sessionBase) params.set("id", q.sessionBase);
  const path = `/${CLUSTER_PAGE}${params.size ? `?${params}` : ""}`;
  const res = await getFromTomcat(runtime, containerId, path, 30_000);
  if ("error" in res) throw new Error(`no answer from ${CLUSTER_PAGE}: ${res.error}`);
  if (!/ 200\b/.test(res.status)) throw new Error(`${CLUSTER_PAGE} answered ${res.status || "nothing"}`);
  return parseMemberView(res.body);
}

/** Pure: the page's JSON, with defaults for what a page without a cluster leaves out. */
export function parseMemberView(body: string): MemberView {
  const j = JSON.parse(body) as Partial<MemberView>;
  return {
    node: j.node ?? "?",
    manager: j.manager ?? "?",
    clustered: j.clustered ?? false,
    replicating: j.replicating ?? false,
    self: j.self,
    members: j.members ?? [],
    missing: j.missing ?? [],
    stateTransferred: j.stateTransferred,
    sessions: j.sessions ?? 0,
    session: j.session ?? null,
  };
}

/**
 * Readiness of a cluster member: it answers, and it sees every other Tomcat of the lab as a member.
 * Throws (so the wait goes on and, at its deadline, says why) naming the peers it does not see.
 */
export async function memberJoined(
  runtime: Runtime,
  containerId: string,
  node: string,
  tomcats: string[],
): Promise<boolean> {
  const peers = tomcats.filter((t) => t !== node);
  const view = await askMember(runtime, containerId, { peers });
  if (!view.clustered) throw new Error(`${node} has no cluster in its server.xml`);
  if (view.missing.length)
    throw new Error(
      `${node} does not see ${view.missing.join(", ")} in the cluster (it sees ${view.members.length} of ${peers.length} other members)`,
    );
  return true;
}

/** DeltaManager's own measure of the state transfer when a member joined, from its log (the last one). */
export function stateTransferMs(logLines: string[]): number | undefined {
  const found = logLines
    .map((l) => /session state sent at .* received in \[(\d+)\] ms/.exec(l))
    .filter(Boolean)
    .at(-1);
  return found ? Number(found[1]) : undefined;
}
