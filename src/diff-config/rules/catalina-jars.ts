import { attr } from "../xml.js";
import { at, knownManagers, type ManagerInfo } from "./helpers.js";
import type { CatalinaBase } from "../catalina-base.js";
import type { Rule, RuleContext } from "../types.js";

interface JarNeed {
  pattern: RegExp;
  name: string;
}

const need = (name: string, pattern: RegExp): JarNeed => ({ name, pattern });

/** The jars lib/ must hold for a manager, from the reference's jar lists. */
export function requiredJars(m: ManagerInfo, tomcatMajor: number | undefined): JarNeed[] {
  const v = (name: string) => attr(m.el, name)?.value.trim() ?? "";
  if (m.cls.flavor === "msm") {
    const tc = tomcatMajor && tomcatMajor >= 7 && tomcatMajor <= 9 ? `tc${tomcatMajor}` : "tcN";
    const out = [
      need("memcached-session-manager-<version>.jar", /^memcached-session-manager-\d/),
      need(
        `memcached-session-manager-${tc}-<version>.jar`,
        new RegExp(`^memcached-session-manager-${tc === "tcN" ? "tc\\d+" : tc}-`),
      ),
      /^rediss?:/.test(v("memcachedNodes"))
        ? need("jedis-2.9.0.jar", /^jedis-/)
        : need("spymemcached-2.12.0.jar", /^spymemcached-/),
    ];
    const t = v("transcoderFactoryClass");
    if (t.includes(".kryo.")) {
      for (const j of [
        "msm-kryo-serializer",
        "kryo-serializers",
        "kryo",
        "minlog",
        "reflectasm",
        "asm",
        "objenesis",
      ])
        out.push(need(`${j}-<version>.jar`, new RegExp(`^${j}-\\d`)));
    } else if (t.includes(".xstream.")) {
      out.push(
        need("msm-xstream-serializer-<version>.jar", /^msm-xstream-serializer-/),
        need("xstream-<version>.jar", /^xstream-\d/),
      );
    } else if (t.includes(".json.")) {
      out.push(
        need("msm-flexjson-serializer-<version>.jar", /^msm-flexjson-serializer-/),
        need("flexjson-<version>.jar", /^flexjson-\d/),
      );
    }
    return out;
  }
  if (m.cls.flavor === "jcoleman") {
    const old = m.className.startsWith("com.radiadesign");
    return [
      need("tomcat-redis-session-manager-<version>.jar", /^tomcat-redis-session-manager/),
      need("jedis-2.x.jar", /^jedis-2\./),
      old
        ? need("commons-pool-1.x.jar", /^commons-pool-1/)
        : need("commons-pool2-<version>.jar", /^commons-pool2-/),
    ];
  }
  if (m.cls.flavor === "redisson") {
    const n = tomcatMajor ?? "N";
    return [
      need("redisson-all-<version>.jar", /^redisson-all-/),
      need(`redisson-tomcat-${n}-<version>.jar`, new RegExp(`^redisson-tomcat-${tomcatMajor ?? "\\d+"}-`)),
    ];
  }
  return [];
}

/** The jar that should hold the manager class is there, but the class is not: a package-name mismatch. */
function checkClassInJars(ctx: RuleContext, m: ManagerInfo, base: CatalinaBase): void {
  const stem =
    m.cls.flavor === "msm"
      ? /^memcached-session-manager-/
      : m.cls.flavor === "jcoleman"
        ? /^tomcat-redis-session-manager/
        : /^redisson-/;
  const jars = base.jars.filter((j) => stem.test(j));
  if (jars.length === 0) return;
  const wanted = `${m.className.replace(/\./g, "/")}.class`;
  if (jars.some((j) => base.classesIn(j).includes(wanted))) return;
  const simple = wanted.slice(wanted.lastIndexOf("/") + 1);
  const found = jars.flatMap((j) => base.classesIn(j).filter((c) => c.endsWith(`/${simple}`)))[0];
  const actual = found?.replace(/\.class$/, "").replace(/\//g, ".");
  ctx.report({
    offset: at(m.el, "className"),
    message: `No jar in lib/ (${jars.join(", ")}) contains ${m.className}${actual ? `; the jar has ${actual}` : ""}: ClassNotFoundException at start.`,
    fix: actual
      ? `Write className="${actual}" (and the same package for the Valve).`
      : "Install the jar that provides this class.",
  });
}

export const catalinaJars: Rule = {
  meta: {
    id: "catalina-jars",
    severity: "error",
    kinds: ["context-xml", "server-xml"],
    layer: "meaning",
    description: "Given a CATALINA_BASE: a jar the configured session manager needs is missing from lib/",
    why: "Tomcat fails with ClassNotFoundException (manager, serializer) or NoClassDefFoundError (spymemcached, jedis, commons-pool2) when the context starts.",
    fix: "Copy the listed jar, in the version for this Tomcat major, into CATALINA_BASE/lib.",
    example: "msm Manager in conf/context.xml, lib/ without spymemcached-2.12.0.jar",
    fixable: false,
  },
  check(ctx) {
    const base = ctx.base;
    if (!base) return;
    for (const m of knownManagers(ctx.file)) {
      checkClassInJars(ctx, m, base);
      const missing = requiredJars(m, base.tomcatMajor).filter(
        (j) => !base.jars.some((f) => j.pattern.test(f)),
      );
      for (const j of missing) {
        ctx.report({
          offset: at(m.el, "className"),
          message: `${base.dir}/lib has no ${j.name}, which ${m.className.split(".").pop()} needs${base.tomcatVersion ? ` on Tomcat ${base.tomcatVersion}` : ""}.`,
          fix: `Copy ${j.name} into ${base.dir}/lib.`,
        });
      }
    }
  },
};
