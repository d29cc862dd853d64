import { join, relative, sep } from "node:path";
import { classNameOf, elementsNamed } from "./helpers.js";
import type { LoadedFile, Rule } from "../types.js";

/** The context path an app's own context file configures, or undefined for conf/context.xml and others. */
function appOf(path: string, baseDir: string): { app: string; where: string } | undefined {
  const rel = relative(baseDir, path).split(sep).join("/");
  const m =
    /^conf\/[^/]+\/[^/]+\/([^/]+)\.xml$/.exec(rel) ?? /^webapps\/([^/]+)\/META-INF\/context\.xml$/.exec(rel);
  if (!m?.[1]) return undefined;
  const name = m[1];
  return { app: name === "ROOT" ? "/" : `/${name.replace(/#/g, "/")}`, where: rel };
}

const managerOf = (file: LoadedFile) => elementsNamed(file, "Manager")[0];
const short = (cls: string) => cls.split(".").pop() || "StandardManager";

export const managerOverride: Rule = {
  meta: {
    id: "manager-override",
    severity: "warning",
    kinds: ["context-xml", "xml"],
    layer: "meaning",
    description:
      "A <Manager> in an app's own context file (conf/Catalina/<host>/<app>.xml or META-INF/context.xml) that replaces the one in conf/context.xml (CATALINA_BASE mode)",
    why: "conf/context.xml is the default for every app; a Context has one Manager, and the app's own <Manager> replaces the default one completely. Settings edited in conf/context.xml (memcachedNodes, the Redis host) then do not apply to that app, which keeps its own store — or none.",
    fix: "Keep the session manager in one place: remove the app's <Manager>, or configure that app in its own file on purpose and keep conf/context.xml for the others.",
    example:
      'conf/context.xml: msm Manager  +  conf/Catalina/localhost/shop.xml: <Manager className="…StandardManager"/>',
    fixable: false,
  },
  check(ctx) {
    const base = ctx.base;
    if (!base) return;
    const globalPath = join(base.dir, "conf", "context.xml");
    const global = ctx.files.find((f) => f.path === globalPath);
    const globalManager = global && managerOf(global);
    if (!global || !globalManager) return;
    const globalClass = short(classNameOf(globalManager));
    const overrides = ctx.files
      .map((f) => ({ f, app: appOf(f.path, base.dir), manager: managerOf(f) }))
      .filter((o) => o.app && o.manager);
    if (ctx.file === global) {
      for (const o of overrides) {
        ctx.report({
          offset: globalManager.offset,
          message: `For ${o.app?.app} this ${globalClass} is replaced by the <Manager className="…${short(classNameOf(o.manager!))}"> in ${o.app?.where}: changes made here do not reach that app.`,
          fix: `Remove the <Manager> from ${o.app?.where} if ${o.app?.app} should share sessions like the other apps.`,
        });
      }
      return;
    }
    const mine = overrides.find((o) => o.f === ctx.file);
    if (!mine?.manager || !mine.app) return;
    const cls = short(classNameOf(mine.manager));
    ctx.report({
      offset: mine.manager.offset,
      message: `This <Manager className="…${cls}"> replaces conf/context.xml's ${globalClass} for ${mine.app.app}${cls === globalClass ? " with its own settings" : `: ${mine.app.app}'s sessions are kept by ${cls}, not by ${globalClass}`}.`,
      fix: "Remove this <Manager> to use conf/context.xml's, or keep it on purpose and remember conf/context.xml no longer applies here.",
    });
  },
};
