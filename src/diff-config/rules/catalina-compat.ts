import { attr } from "../xml.js";
import { at, knownManagers } from "./helpers.js";
import type { Rule } from "../types.js";

export function versionAtLeast(version: string, min: number[]): boolean {
  const v = version.split(".").map(Number);
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

export const catalinaCompat: Rule = {
  meta: {
    id: "catalina-compat",
    severity: "error",
    kinds: ["context-xml", "server-xml"],
    layer: "meaning",
    description:
      "A session manager known to be broken on this Tomcat or Java: msm on Tomcat 10+, the classic Redis manager on Tomcat 8+, msm kryo on Java 9+, redisson-tomcat-N for another major",
    why: "msm is javax-only (NoClassDefFoundError: javax/servlet/… on Tomcat 10); the classic Redis manager only runs on Tomcat 7 (NoSuchFieldError: container); msm's kryo serializer fails on Java 9+ with NoSuchFieldException: parentOffset.",
    fix: "Use Redisson (redisson-tomcat-N matching the Tomcat major) on Tomcat 10+ or for Redis on Tomcat 8+; use msm's Java serialization on Java 9+.",
    example: "Tomcat 10.1 with de.javakaffee.web.msm.MemcachedBackupSessionManager",
    fixable: false,
  },
  check(ctx) {
    const base = ctx.base;
    const { versions } = ctx;
    const major = versions.tomcatMajor;
    const from = (what: string | undefined) => (what ? ` (${what})` : "");
    for (const m of knownManagers(ctx.file)) {
      const where = at(m.el, "className");
      if (m.cls.flavor === "msm" && major !== undefined && major >= 10) {
        ctx.report({
          offset: where,
          message: `msm does not support Tomcat ${versions.tomcat}${from(versions.tomcatFrom)} (jakarta namespace): NoClassDefFoundError javax/servlet/ServletException.`,
          fix: "Use Redisson with redisson-tomcat-" + major + ", or stay on Tomcat 9.",
        });
      }
      if (m.cls.flavor === "jcoleman" && major !== undefined && major >= 8) {
        ctx.report({
          offset: where,
          message: `The classic Redis session manager only runs on Tomcat 7, not ${versions.tomcat}${from(versions.tomcatFrom)}.`,
          fix: `Use Redisson (redisson-tomcat-${major}).`,
        });
      }
      const transcoder = attr(m.el, "transcoderFactoryClass");
      if (m.cls.flavor === "msm" && transcoder?.value.includes(".kryo.")) {
        const java = versions.java;
        // On Java 8 kryo works; when the Java version is unknown, say so instead of predicting a failure.
        if (java === undefined) {
          ctx.report({
            offset: transcoder.valueOffset,
            severity: "info",
            message:
              "msm's kryo serializer fails on Java 9+ (NoSuchFieldException: parentOffset) and works on Java 8; the Java version is unknown here (pass --java N or a CATALINA_BASE).",
            fix: "On Java 9+ use de.javakaffee.web.msm.JavaSerializationTranscoderFactory; on Java 8 nothing to do.",
          });
        } else if (java >= 9) {
          ctx.report({
            offset: transcoder.valueOffset,
            message: `msm's kryo serializer fails on Java 9+ (NoSuchFieldException: parentOffset); this Tomcat runs Java ${java}${from(versions.javaFrom)}.`,
            fix: "Use de.javakaffee.web.msm.JavaSerializationTranscoderFactory.",
          });
        }
      }
      if (m.cls.flavor === "redisson" && base && major !== undefined) {
        const wrong = base.jars.find(
          (j) => /^redisson-tomcat-\d+-/.test(j) && !j.startsWith(`redisson-tomcat-${major}-`),
        );
        if (wrong)
          ctx.report({
            offset: where,
            message: `lib/${wrong} is for another Tomcat major than ${base.tomcatVersion}.`,
            fix: `Use redisson-tomcat-${major}-<version>.jar.`,
          });
      }
    }
  },
};
