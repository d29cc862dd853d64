/**
 * Tomcat's own cluster, asked member by member inside the lab (not through nginx): does every member
 * hold the session (DeltaManager), or its primary and a backup (BackupManager), and does every member
 * see all the others. Observing is separate from the verdicts, which are pure functions.
 */
import { type MemberView, askMember, isClusterMember } from "../kinds/cluster-page.js";
import { LabPaths } from "../labs/lab-paths.js";
import type { LabInstance } from "../orchestrator/discover.js";
import { nodeOf, roleOf } from "../orchestrator/discover.js";
import type { Runtime } from "../runtime/runtime.js";
import { type CheckResult, joinAnd, result } from "./checks.js";

/** One member as seen: its container state and its own view, or why it could not be asked. */
export interface MemberObservation {
  node: string;
  state: string;
  view?: MemberView;
  error?: string;
}

export type ClusterObservation =
  | { outcome: "skip"; reason: string }
  | { outcome: "read"; sessionBase?: string; members: MemberObservation[] };

/** Asks every Tomcat of the lab for its view of the cluster and of one session. */
export async function observeCluster(
  runtime: Runtime | undefined,
  lab: LabInstance | undefined,
  sessionBase: string | undefined,
): Promise<ClusterObservation> {
  if (!runtime || !lab) return { outcome: "skip", reason: "not a lab: members cannot be asked directly" };
  const paths = new LabPaths(lab.dir);
  const tomcats = lab.containers.filter((c) => roleOf(c) === "tomcat");
  if (!tomcats.some((c) => isClusterMember(paths, nodeOf(c))))
    return { outcome: "skip", reason: `lab ${lab.instance} runs no Tomcat cluster` };
  const names = tomcats.map(nodeOf);
  const members = await Promise.all(
    tomcats.map(async (c): Promise<MemberObservation> => {
      const node = nodeOf(c);
      if (c.state !== "running") return { node, state: c.state };
      try {
        const view = await askMember(runtime, c.id, { peers: names.filter((n) => n !== node), sessionBase });
        return { node, state: c.state, view };
      } catch (e) {
        return { node, state: c.state, error: (e as Error).message };
      }
    }),
  );
  return { outcome: "read", sessionBase, members };
}

/** Member addresses by the node each one reports for itself. */
function namesByAddress(members: MemberObservation[]): Map<string, string> {
  return new Map(members.flatMap((m) => (m.view?.self ? [[m.view.self, m.node] as const] : [])));
}

const notAsked = (m: MemberObservation) =>
  m.view ? undefined : `${m.node}: ${m.error ?? `not asked, its container is ${m.state}`}`;

/** DeltaManager: the session on every member; BackupManager: on its primary and at least one backup. */
export function evaluateReplicated(o: ClusterObservation): CheckResult {
  if (o.outcome === "skip") return result("replicated", "skip", o.reason);
  if (!o.sessionBase)
    return result("replicated", "fail", "no session id was observed, so there is nothing to look up");
  const asked = o.members.filter((m) => m.view);
  const problems = o.members.map(notAsked).filter((p): p is string => !!p);
  const unclustered = asked.filter((m) => !m.view!.replicating);
  if (unclustered.length)
    return result(
      "replicated",
      "fail",
      `${joinAnd(unclustered.map((m) => m.node))} keep sessions in ${unclustered[0]!.view!.manager}, not the cluster's manager: ` +
        "the webapp is not marked <distributable/> in WEB-INF/web.xml, so the cluster replicates none of its sessions",
      [...unclustered.map((m) => `${m.node}: manager ${m.view!.manager}`), ...problems],
    );
  const names = namesByAddress(o.members);
  const name = (ip?: string | null) => (ip ? (names.get(ip) ?? ip) : "none");
  const evidence = asked.map((m) => {
    const s = m.view!.session;
    if (!s) return `${m.node}: no session ${o.sessionBase}`;
    const where =
      s.primary !== undefined
        ? ` (primary ${name(s.primary)}, backup ${s.backups?.map(name).join(", ") || "none"})`
        : "";
    return `${m.node}: ${s.id} as ${s.role}${where}`;
  });
  const manager = asked[0]?.view?.manager ?? "?";
  const holding = asked.filter((m) => m.view!.session && m.view!.session.role !== "proxy");
  if (manager === "BackupManager") {
    const primaries = holding.filter((m) => m.view!.session!.role === "primary");
    const backups = holding.filter((m) => m.view!.session!.role === "backup");
    if (primaries.length === 1 && backups.length >= 1)
      return result(
        "replicated",
        "pass",
        `session ${o.sessionBase}: primary on ${primaries[0]!.node}, backup on ${joinAnd(backups.map((m) => m.node))} (BackupManager)`,
        [...evidence, ...problems],
      );
    return result(
      "replicated",
      "fail",
      `session ${o.sessionBase} is on ${primaries.length} primary and ${backups.length} backup members, expected 1 and at least 1 (BackupManager)` +
        (holding.length <= 1 ? ": the session is not replicated" : ""),
      [...evidence, ...problems],
    );
  }
  const without = asked.filter((m) => !m.view!.session);
  if (!without.length && !problems.length)
    return result(
      "replicated",
      "pass",
      `session ${o.sessionBase} is on all ${asked.length} members (${manager})`,
      evidence,
    );
  return result(
    "replicated",
    "fail",
    without.length
      ? `session ${o.sessionBase} is not on ${joinAnd(without.map((m) => m.node))}: not replicated there (${manager} keeps every session on every member)`
      : problems[0]!,
    [...evidence, ...problems],
  );
}

/** Every member sees each of the other N−1 as a member of the cluster. */
export function evaluateMembership(o: ClusterObservation): CheckResult {
  if (o.outcome === "skip") return result("membership", "skip", o.reason);
  const n = o.members.length;
  const names = namesByAddress(o.members);
  const problems = o.members.map(notAsked).filter((p): p is string => !!p);
  const evidence: string[] = [];
  for (const m of o.members.filter((x) => x.view)) {
    const seen = m.view!.members.map((ip) => names.get(ip) ?? ip);
    evidence.push(`${m.node} (${m.view!.self ?? "?"}) sees ${seen.length ? joinAnd(seen) : "no member"}`);
    if (m.view!.missing.length) problems.push(`${m.node} does not see ${joinAnd(m.view!.missing)}`);
    else if (m.view!.members.length !== n - 1)
      problems.push(`${m.node} sees ${m.view!.members.length} members, expected ${n - 1}`);
  }
  if (problems.length) return result("membership", "fail", problems[0]!, [...problems, ...evidence]);
  return result("membership", "pass", `each of the ${n} members sees the other ${n - 1}`, evidence);
}
