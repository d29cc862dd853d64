import { SessionlabError } from "../core/errors.js";
import type { NodeKindName } from "../labs/definition.js";
import type { NodeKind } from "./kind.js";
import { memcachedKind } from "./memcached.js";
import { nginxKind } from "./nginx.js";
import { redisKind } from "./redis.js";
import { tomcatKind } from "./tomcat.js";

/** Every node kind, registered in this one place. A new kind is a module plus a line here. */
export const KINDS: Record<NodeKindName, NodeKind> = {
  nginx: nginxKind,
  tomcat: tomcatKind,
  memcached: memcachedKind,
  redis: redisKind,
};

export function kindOf(name: string): NodeKind {
  const k = KINDS[name as NodeKindName];
  if (!k) throw new SessionlabError(`unknown node kind "${name}"`, `kinds: ${Object.keys(KINDS).join(", ")}`);
  return k;
}
