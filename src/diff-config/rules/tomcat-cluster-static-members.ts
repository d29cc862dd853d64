import { attr } from "../xml.js";
import { selfIsLocalMember, staticLists, type StaticList } from "./cluster-helpers.js";
import type { Rule, RuleContext } from "../types.js";

const MEMBER = "org.apache.catalina.tribes.membership.StaticMember";

/** The node's own host:port: its Receiver's explicit address and port, else its <LocalMember>. */
const selfOf = (list: StaticList) => list.self ?? list.entries.find((e) => e.local && e.key)?.key;

const holderName = (list: StaticList) =>
  list.via === "service" ? "StaticMembershipService" : "StaticMembershipInterceptor";

/** A node in the node's own list as a <Member> although it is the node itself (before 9.0.17). */
function checkSelfListed(ctx: RuleContext, list: StaticList): void {
  if (!list.self || !selfIsLocalMember(list, ctx.versions)) return;
  const since =
    list.via === "interceptor"
      ? "StaticMembershipInterceptor"
      : `StaticMembershipService before Tomcat 9.0.17 (this is ${ctx.versions.tomcat})`;
  for (const e of list.entries) {
    if (e.local || e.key !== list.self) continue;
    ctx.report({
      offset: e.el.offset,
      message: `This <Member> (${e.key}) is the node itself: its Receiver listens on that address and port. ${since} takes every <Member> for another node, so this node counts itself as a second member and replicates sessions to itself.`,
      fix: `Declare it as <LocalMember className="${MEMBER}" …/> with the same host, port and uniqueId, and list only the other nodes as <Member>.`,
    });
  }
}

/** Members the deployment's other server.xml files list that this one does not. */
function checkMissing(ctx: RuleContext, list: StaticList, others: StaticList[]): void {
  // A member written with a ${…} placeholder could be any node: nothing is known to be missing.
  if (list.entries.some((e) => !e.key)) return;
  const mine = new Set(list.entries.map((e) => e.key));
  const oldStyle = selfIsLocalMember(list, ctx.versions);
  const self = selfOf(list);
  // Before 9.0.17 the node itself is not among its <Member>s; which one it is must be known.
  if (oldStyle && !self) return;
  const seen = new Set<string>();
  for (const other of others) {
    for (const e of other.entries) {
      if (!e.key || mine.has(e.key) || seen.has(e.key)) continue;
      if (oldStyle && e.key === self) continue;
      seen.add(e.key);
      const host = attr(e.el, "host")?.value ?? "";
      const port = attr(e.el, "port")?.value ?? "";
      const uniqueId = attr(e.el, "uniqueId")?.value;
      const entry = `<Member className="${MEMBER}" host="${host}" port="${port}"${uniqueId ? ` uniqueId="${uniqueId}"` : ""}/>`;
      if (e.key === self) {
        ctx.report({
          offset: list.holder.offset,
          message: `${holderName(list)} does not list this node itself (${e.key}, its Receiver's address and port), which ${other.file.path} lists: since Tomcat 9.0.17 it finds the local member in this list, and without it the cluster does not start (IllegalStateException: no local member).`,
          fix: `Add ${entry}: every node, this one included.`,
        });
      } else {
        ctx.report({
          offset: list.holder.offset,
          message: `${holderName(list)} does not list ${host}:${port}, which ${other.file.path} lists: this node never counts it as a member and sends it no session changes, so a session created or changed here is missing or stale there.`,
          fix: `Add ${entry}, as in ${other.file.path}.`,
        });
      }
    }
  }
}

export const tomcatClusterStaticMembers: Rule = {
  meta: {
    id: "tomcat-cluster-static-members",
    severity: "error",
    kinds: ["server-xml", "xml"],
    layer: "meaning",
    description:
      "A static member list (StaticMembershipService or StaticMembershipInterceptor) that lacks a node the deployment's other server.xml files list, or, before Tomcat 9.0.17 and with StaticMembershipInterceptor, names the node itself as a <Member>",
    why: "Static membership knows only the nodes it lists: a node left out never receives this node's session changes, and replication silently goes one way. Since 9.0.17 StaticMembershipService wants every node, the local one included (found by the Receiver's address and port); before 9.0.17, and always with StaticMembershipInterceptor, the node itself is a <LocalMember>, and listing it as a <Member> makes it a member of its own cluster twice.",
    fix: "Give every server.xml the same member list (host, port, uniqueId per node); before 9.0.17 or with StaticMembershipInterceptor, declare the node itself as <LocalMember>.",
    example:
      'tomcat1: <Member host="tomcat1" port="4000" …/><Member host="tomcat2" …/>  tomcat2: … <Member host="tomcat3" port="4000" …/>',
    fixable: false,
  },
  check(ctx) {
    const lists = staticLists(ctx.file);
    if (lists.length === 0) return;
    const others =
      ctx.file.kind === "server-xml"
        ? ctx.files.filter((f) => f !== ctx.file && f.kind === "server-xml").flatMap(staticLists)
        : [];
    for (const list of lists) {
      checkSelfListed(ctx, list);
      if (others.length > 0) checkMissing(ctx, list, others);
    }
  },
};
