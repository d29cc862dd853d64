import { type XmlElement } from "../xml.js";
import { JCOLEMAN_PACKAGES } from "../known-classes.js";
import { at, classNameOf, knownManagers } from "./helpers.js";
import type { Rule } from "../types.js";

const packageOf = (className: string) => className.slice(0, className.lastIndexOf("."));
const isHandlerValve = (el: XmlElement) =>
  el.name === "Valve" && classNameOf(el).endsWith(".RedisSessionHandlerValve");

export const redisManagerValve: Rule = {
  meta: {
    id: "redis-manager-valve",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "Classic Redis manager (jcoleman/bluejeans) without its RedisSessionHandlerValve first in the same Context, or with the two from different packages",
    why: "Without the valve the manager throws LifecycleException('Unable to attach to session handling valve'); a valve outside the Context gets an NPE; the README requires the valve before the manager; com.radiadesign, com.orangefunction and com.bluejeans are different jars, so mixing them is a ClassNotFoundException.",
    fix: 'Put <Valve className="<pkg>.RedisSessionHandlerValve"/> right before <Manager className="<pkg>.RedisSessionManager" …/> in the same <Context>, both with the package of the jar you installed.',
    example:
      '<Context><Manager className="com.bluejeans.tomcat.redissessions.RedisSessionManager"/></Context>',
    fixable: false,
  },
  check(ctx) {
    for (const { el, className, cls } of knownManagers(ctx.file)) {
      if (cls.flavor !== "jcoleman") continue;
      const siblings = el.parent?.children ?? [];
      const valve = siblings.find(isHandlerValve);
      const pkg = packageOf(className);
      if (!valve) {
        ctx.report({
          offset: el.offset,
          message:
            "RedisSessionManager without a RedisSessionHandlerValve in the same Context: the manager fails to start.",
          fix: `Add <Valve className="${pkg}.RedisSessionHandlerValve"/> before this Manager.`,
        });
        continue;
      }
      const valveClass = classNameOf(valve);
      if (packageOf(valveClass) !== pkg && JCOLEMAN_PACKAGES.includes(packageOf(valveClass))) {
        ctx.report({
          offset: at(valve, "className"),
          message: `The valve is from ${packageOf(valveClass)} but the manager from ${pkg}; one of them is not in your jar.`,
          fix: `Use the package of the jar you installed for both (com.bluejeans for the Maven Central jar).`,
        });
      }
      if (siblings.indexOf(valve) > siblings.indexOf(el)) {
        ctx.report({
          offset: valve.offset,
          severity: "warning",
          message: "RedisSessionHandlerValve is declared after the Manager; the README requires it before.",
          fix: "Move the <Valve> above the <Manager>.",
        });
      }
    }
    // A handler valve at Engine/Host level never receives a manager.
    for (const valve of ctx.file.xml?.elements.filter(isHandlerValve) ?? []) {
      if (valve.parent && valve.parent.name !== "Context") {
        ctx.report({
          offset: valve.offset,
          message: `RedisSessionHandlerValve inside <${valve.parent.name}>: it never gets a manager and throws NullPointerException on every request.`,
          fix: "Move it into the <Context> that has the RedisSessionManager.",
        });
      }
    }
  },
};
