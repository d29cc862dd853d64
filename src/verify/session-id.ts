/**
 * A session id split into the part that names the session and the suffixes that name where it
 * lives: msm's `-<memcachedNode>` and Tomcat's `.<jvmRoute>`. "Same session" is judged on the base;
 * the suffixes may legitimately change (msm failover, JvmRouteBinderValve) and are reported apart.
 */
export interface SessionId {
  raw: string;
  base: string;
  storeNode?: string;
  route?: string;
}

export function parseSessionId(raw: string): SessionId {
  const dot = raw.indexOf(".");
  const head = dot < 0 ? raw : raw.slice(0, dot);
  const route = dot < 0 ? undefined : raw.slice(dot + 1);
  const dash = head.indexOf("-");
  const base = dash < 0 ? head : head.slice(0, dash);
  const storeNode = dash < 0 ? undefined : head.slice(dash + 1);
  return { raw, base, storeNode, route };
}

export function suffixOf(id: SessionId): string {
  return `${id.storeNode ? `-${id.storeNode}` : ""}${id.route ? `.${id.route}` : ""}`;
}
