/**
 * Which files belong to one deployment. Cross-file rules (jvmRoute uniqueness, Redis passwords,
 * nginx routes, cluster vs store manager) compare only files of the same deployment, so linting
 * configs of unrelated projects in one run does not pair a redis.conf with another project's Tomcat.
 *
 * A file's deployment is the folder above its role folders: lab/tomcat1/conf/server.xml,
 * lab/nginx/nginx.conf and lab/redis/redis.conf all belong to lab/; /opt/tomcat1/conf/server.xml and
 * /opt/tomcat2/conf/server.xml to /opt/. Files side by side in one folder are one deployment.
 * A webapp's descriptor belongs to the Tomcat that deploys it: lab/tomcat1/webapps/ROOT/WEB-INF/web.xml to lab/.
 */
import { basename, dirname, resolve } from "node:path";
import type { CatalinaBase } from "./catalina-base.js";
import type { LoadedFile, Versions } from "./types.js";

/** Folder names that say what a folder holds inside a deployment, not which deployment it is. */
const ROLE =
  /^(conf|Catalina|localhost|META-INF|WEB-INF|webapp|nginx|conf\.d|sites-enabled|sites-available|redis|redisson|memcached|tomcat[\w.-]*|node\d+|app\d*|lb|etc)$/i;

export function deploymentOf(path: string, base?: CatalinaBase): string {
  let dir = base ? dirname(resolve(base.dir)) : dirname(resolve(path));
  // conf/Catalina/<host>/ holds per-webapp context files: the host folder is a role too.
  if (!base && basename(dirname(dir)) === "Catalina") dir = dirname(dir);
  // webapps/<app>/WEB-INF/: the app's folder is named after the app, not the deployment.
  if (!base && basename(dir) === "WEB-INF" && basename(dirname(dirname(dir))) === "webapps")
    dir = dirname(dirname(dirname(dir)));
  while (ROLE.test(basename(dir)) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The versions a deployment's files run with: a CATALINA_BASE's own first, else the options. */
export function versionsFor(
  base: CatalinaBase | undefined,
  bases: CatalinaBase[],
  opts: { tomcat?: string; java?: number; from?: string },
): Versions {
  // Another CATALINA_BASE of the deployment tells nginx.conf and redis.conf which Tomcat they front,
  // but only if every base of it agrees.
  const known = base ? [base] : bases;
  const tomcats = [...new Set(known.map((b) => b.tomcatVersion).filter((v): v is string => !!v))];
  const javas = [...new Set(known.map((b) => b.javaMajor).filter((v): v is number => v !== undefined))];
  const tomcat = tomcats.length === 1 ? tomcats[0] : undefined;
  const java = javas.length === 1 ? javas[0] : undefined;
  const out: Versions = {};
  if (tomcat) Object.assign(out, { tomcat, tomcatFrom: `CATALINA_BASE ${(base ?? known[0])?.dir}` });
  else if (opts.tomcat) Object.assign(out, { tomcat: opts.tomcat, tomcatFrom: opts.from ?? "--tomcat" });
  if (out.tomcat) out.tomcatMajor = Number(out.tomcat.split(".")[0]);
  if (java !== undefined) Object.assign(out, { java, javaFrom: `CATALINA_BASE ${(base ?? known[0])?.dir}` });
  else if (opts.java !== undefined) Object.assign(out, { java: opts.java, javaFrom: opts.from ?? "--java" });
  return out;
}

/** Groups files by deployment, keeping the order they were given in. */
export function groupByDeployment<T extends { file: LoadedFile; base?: CatalinaBase }>(
  items: T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = deploymentOf(item.file.path, item.base);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return groups;
}
