import { imageSpec } from "../labs/images.js";
import { parseSessionId } from "../verify/session-id.js";
import { MEMCACHED_PORT, lookupInContainer, pingInContainer } from "../stores/memcached.js";
import type { NodeKind, StoreNode } from "./kind.js";

/**
 * memcached from Debian, never published. Node i is msm's node `n<i>`: the lab's Tomcats get
 * `{{memcachedNodes}}` = "n1:memcached1:11211 n2:memcached2:11211" (one node: "n1:memcached:11211").
 */
export const memcachedKind: NodeKind = {
  name: "memcached",
  role: "store",
  order: 10,
  async prepare(ctx, nodes) {
    return {
      image: await imageSpec("memcached", ctx.baseImage),
      vars: {
        memcachedNodes: nodes.map((n) => `n${n.index}:${n.name}:${MEMCACHED_PORT}`).join(" "),
      },
      // msm sticky: Tomcat i names "its" memcached node (the one on its own machine) as failover node,
      // so its sessions' primary copies go to another node (msm's SetupAndConfiguration).
      nodeVars: (node) => ({ localMemcachedNode: `n${((node.index - 1) % nodes.length) + 1}` }),
      render: () => new Map(),
      // NET_ADMIN on the store only: the store-latency drill adds delay with tc netem inside it.
      container: () => ({ binds: [], capAdd: ["NET_ADMIN"] }),
    };
  },
  ready: (t) => pingInContainer(t.runtime, t.containerId),
  store: {
    candidates(nodes: StoreNode[], sessionId: string) {
      // msm encodes the node that holds the session as -n<i>; look there first, then the others.
      const nodeId = parseSessionId(sessionId).storeNode;
      const named = nodes.filter((n) => `n${n.node.index}` === nodeId);
      return [...named, ...nodes.filter((n) => !named.includes(n))];
    },
    lookup: (runtime, node, key) => lookupInContainer(runtime, node.containerId, key),
  },
};
