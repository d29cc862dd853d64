import { KNOWN_CLASS_NAMES, VERSIONED_CLASSES, nearest, type VersionedClass } from "../known-classes.js";
import { versionAtLeast } from "./catalina-compat.js";
import { hasPlaceholder } from "./helpers.js";
import type { Rule, RuleContext } from "../types.js";
import type { XmlAttribute } from "../xml.js";

/** A class that exists only in some Tomcat versions: exact when the version is known, a warning when not. */
function checkVersioned(ctx: RuleContext, a: XmlAttribute, value: string, v: VersionedClass): void {
  const tomcat = ctx.versions.tomcat;
  const short = value.slice(value.lastIndexOf(".") + 1);
  if (tomcat === undefined) {
    ctx.report({
      offset: a.valueOffset,
      severity: "warning",
      message: `${short} exists only before Tomcat ${v.removedIn}; the Tomcat version is unknown here (pass --tomcat X.Y or a CATALINA_BASE), so this is a ClassNotFoundException only on Tomcat ${v.removedIn} or later.`,
      fix: `On Tomcat ${v.removedIn} or later use ${v.replacement}; on older Tomcats it is fine.`,
    });
    return;
  }
  if (!versionAtLeast(tomcat, v.removedIn.split(".").map(Number))) return;
  ctx.report({
    offset: a.valueOffset,
    message: `${short} does not exist in Tomcat ${tomcat} (${ctx.versions.tomcatFrom}): it was removed in ${v.removedIn}, so Tomcat fails with ClassNotFoundException.`,
    fix: `Use ${v.replacement}.`,
  });
}

export const className: Rule = {
  meta: {
    id: "class-name",
    severity: "error",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "A className (or transcoderFactoryClass) that is a near miss of a known session-manager, valve or Tomcat class, or a Tomcat class missing from the Tomcat version in use",
    why: "Tomcat fails with ClassNotFoundException and the context does not start; one missing letter is enough, and so is a class from another Tomcat version (MessageDispatch15Interceptor is in Tomcat 7 and 8.0, not 8.5+).",
    fix: "Use the exact class name suggested; for a version-bound class, the one of your Tomcat version (--tomcat X.Y tells the linter which).",
    example: 'className="de.javakaffee.web.msm.MemcachedBackupSessionManger"',
    fixable: false,
  },
  check(ctx) {
    for (const el of ctx.file.xml?.elements ?? []) {
      for (const a of el.attributes) {
        if (a.name !== "className" && !a.name.endsWith("Class")) continue;
        const value = a.value.trim();
        if (!value || hasPlaceholder(value)) continue;
        const versioned = VERSIONED_CLASSES.get(value);
        if (versioned) {
          checkVersioned(ctx, a, value, versioned);
          continue;
        }
        if (KNOWN_CLASS_NAMES.includes(value)) continue;
        const guess = nearest(value, [...KNOWN_CLASS_NAMES, ...VERSIONED_CLASSES.keys()], 3);
        if (!guess) continue;
        ctx.report({
          offset: a.valueOffset,
          message: `Unknown class "${value}"; did you mean "${guess}"? Tomcat will fail with ClassNotFoundException.`,
          fix: `Write ${a.name}="${guess}".`,
        });
      }
    }
  },
};
