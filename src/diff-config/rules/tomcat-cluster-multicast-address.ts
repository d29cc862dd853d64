import { attr } from "../xml.js";
import { MCAST_SERVICE } from "./cluster-helpers.js";
import { classNameOf, elementsNamed, hasPlaceholder } from "./helpers.js";
import type { Rule } from "../types.js";

/** Whether an IP literal is a multicast group: 224.0.0.0/4 or ff00::/8; undefined when not an IP literal. */
export function isMulticast(address: string): boolean | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return octets[0]! >= 224 && octets[0]! <= 239;
  }
  if (/^\[?[0-9a-f:.]+\]?$/i.test(address) && address.includes(":")) return /^\[?ff/i.test(address);
  return undefined;
}

export const tomcatClusterMulticastAddress: Rule = {
  meta: {
    id: "tomcat-cluster-multicast-address",
    severity: "error",
    kinds: ["server-xml", "xml"],
    layer: "meaning",
    description:
      "McastService address that is not a multicast group (outside 224.0.0.0/4, or ff00::/8 for IPv6)",
    why: "address is the multicast group every member joins and announces itself on; a unicast address (often the host's own IP, which belongs in bind) cannot be joined (Java refuses: 'Not a multicast address'), so no heartbeat reaches another member and membership never forms: every Tomcat stays alone and replicates nothing.",
    fix: 'Write address="228.0.0.4" (Tomcat\'s default group, the same on every member); put the host\'s own interface address in bind="…" if needed.',
    example:
      '<Membership className="org.apache.catalina.tribes.membership.McastService" address="192.168.1.10" port="45564"/>',
    fixable: false,
  },
  check(ctx) {
    for (const el of elementsNamed(ctx.file, "Membership")) {
      if (classNameOf(el) !== MCAST_SERVICE) continue;
      const a = attr(el, "address");
      if (!a || hasPlaceholder(a.value)) continue;
      const address = a.value.trim();
      if (isMulticast(address) !== false) continue;
      ctx.report({
        offset: a.valueOffset,
        message: `address="${a.value}" is not a multicast group (224.0.0.0/4): McastService cannot join it, no member hears another's heartbeat, and membership never forms, so nothing is replicated.`,
        fix: `Write address="228.0.0.4" (the same group on every member)${/^\d/.test(address) ? `; if ${address} is this host's own address, it belongs in bind="${address}"` : ""}.`,
      });
    }
  },
};
