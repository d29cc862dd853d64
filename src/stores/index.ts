import type { StoreKind } from "../labs/definition.js";
import type { DockerRuntime } from "../runtime/docker.js";
import * as memcached from "./memcached.js";
import type { StoreLookup } from "./memcached.js";
import * as redis from "./redis.js";

export type { StoreLookup };

/** What sessionlab needs from a lab's store container: is it up, and is this key in it. */
export interface StoreAdapter {
  ping(runtime: DockerRuntime, containerId: string): Promise<boolean>;
  lookup(runtime: DockerRuntime, containerId: string, key: string): Promise<StoreLookup>;
}

export function storeAdapter(kind: StoreKind, secret?: string): StoreAdapter {
  if (kind === "memcached") {
    return { ping: memcached.pingInContainer, lookup: memcached.lookupInContainer };
  }
  const password = secret ?? "";
  return {
    ping: (rt, id) => redis.pingInContainer(rt, id, password),
    lookup: (rt, id, key) => redis.lookupInContainer(rt, id, key, password),
  };
}
