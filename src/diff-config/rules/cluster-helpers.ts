/** Queries over a Tomcat cluster (SimpleTcpCluster) that the tomcat-cluster-* rules share. */
import { attr, type XmlElement } from "../xml.js";
import { classNameOf, elementsNamed, hasPlaceholder } from "./helpers.js";
import { versionAtLeast } from "./catalina-compat.js";
import type { LoadedFile, Versions } from "../types.js";

export const STATIC_SERVICE = "org.apache.catalina.tribes.membership.StaticMembershipService";
export const STATIC_INTERCEPTOR = "org.apache.catalina.tribes.group.interceptors.StaticMembershipInterceptor";
export const MCAST_SERVICE = "org.apache.catalina.tribes.membership.McastService";
export const REPLICATION_VALVE = "org.apache.catalina.ha.tcp.ReplicationValve";
export const DELTA_MANAGER = "org.apache.catalina.ha.session.DeltaManager";
export const BACKUP_MANAGER = "org.apache.catalina.ha.session.BackupManager";

export const short = (className: string) => className.split(".").pop() ?? className;

/** A <Member> or <LocalMember> of a static list, with its host:port when both are known. */
export interface StaticEntry {
  el: XmlElement;
  local: boolean;
  /** "host:port", host lower-cased; undefined when either is missing or a ${…} placeholder. */
  key?: string;
}

/** A server.xml's static member list: StaticMembershipService's or StaticMembershipInterceptor's. */
export interface StaticList {
  file: LoadedFile;
  /** The <Membership> or <Interceptor> that holds the members. */
  holder: XmlElement;
  /** "service" (StaticMembershipService) or "interceptor" (StaticMembershipInterceptor). */
  via: "service" | "interceptor";
  entries: StaticEntry[];
  /** The node's own host:port from its Receiver's explicit address and port, when both are given. */
  self?: string;
}

const keyOf = (host: string | undefined, port: string | undefined): string | undefined => {
  if (host === undefined || port === undefined) return undefined;
  const h = host.trim().toLowerCase();
  const p = port.trim();
  if (!h || !/^\d+$/.test(p) || hasPlaceholder(h)) return undefined;
  return `${h}:${Number(p)}`;
};

/** The Receiver's address and port, when both are written out (not "auto", not a placeholder). */
function receiverKey(cluster: XmlElement): string | undefined {
  const receiver = cluster.children
    .filter((c) => c.name === "Channel")
    .flatMap((c) => c.children)
    .find((c) => c.name === "Receiver");
  if (!receiver) return undefined;
  const address = attr(receiver, "address")?.value;
  if (!address || /^\s*auto\s*$/i.test(address)) return undefined;
  return keyOf(address, attr(receiver, "port")?.value);
}

/** The static member list of each <Cluster> in a file (none when it uses another membership). */
export function staticLists(file: LoadedFile): StaticList[] {
  const out: StaticList[] = [];
  for (const cluster of elementsNamed(file, "Cluster")) {
    const channel = cluster.children.filter((c) => c.name === "Channel");
    for (const holder of channel.flatMap((c) => c.children)) {
      const cls = classNameOf(holder);
      const via =
        holder.name === "Membership" && cls === STATIC_SERVICE
          ? "service"
          : holder.name === "Interceptor" && cls === STATIC_INTERCEPTOR
            ? "interceptor"
            : undefined;
      if (!via) continue;
      const entries = holder.children
        .filter((m) => m.name === "Member" || m.name === "LocalMember")
        .map((el) => ({
          el,
          local: el.name === "LocalMember",
          key: keyOf(attr(el, "host")?.value, attr(el, "port")?.value),
        }));
      out.push({ file, holder, via, entries, self: receiverKey(cluster) });
    }
  }
  return out;
}

/**
 * Whether the node itself must be left out of the <Member>s (declared as <LocalMember>, or not at all):
 * always with StaticMembershipInterceptor; with StaticMembershipService only before 9.0.17, which a
 * major-only version ("9") cannot tell, so then no.
 */
export function selfIsLocalMember(list: StaticList, versions: Versions): boolean {
  if (list.via === "interceptor") return true;
  const tomcat = versions.tomcat;
  return !!tomcat && tomcat.split(".").length >= 3 && !versionAtLeast(tomcat, [9, 0, 17]);
}

/** The Cluster's session manager className: its <Manager>, or DeltaManager, Tomcat's default. */
export function clusterManager(cluster: XmlElement): { className: string; el?: XmlElement } {
  const el = cluster.children.find((c) => c.name === "Manager");
  if (!el) return { className: DELTA_MANAGER };
  return { className: classNameOf(el), el };
}
