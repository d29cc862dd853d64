/**
 * The config files of a lab folder, as the lab renders them:
 * nginx/nginx.conf, tomcatN/conf/{server,context}.xml, the manager's tomcatN/conf/redisson.yaml,
 * the webapp's tomcatN/webapps/ROOT/WEB-INF/web.xml (<distributable/> for a cluster), redis/redis.conf.
 * (Stand-in until src/labs/lab-dir.ts's findLabDir() locates the running lab's folder.)
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { SessionlabError } from "../core/errors.js";

export function labFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    throw new SessionlabError(`no lab folder at ${dir}`, "run sessionlab up first, or pass --lab <folder>");
  }
  const tomcats = readdirSync(dir)
    .filter((d) => /^tomcat\d+$/.test(d))
    .sort();
  const candidates = [
    join(dir, "nginx", "nginx.conf"),
    ...tomcats.flatMap((t) => [
      join(dir, t, "conf", "server.xml"),
      join(dir, t, "conf", "context.xml"),
      join(dir, t, "conf", "redisson.yaml"),
      join(dir, t, "webapps", "ROOT", "WEB-INF", "web.xml"),
    ]),
    join(dir, "redis", "redis.conf"),
  ];
  const files = candidates.filter((f) => existsSync(f));
  if (files.length === 0) {
    throw new SessionlabError(
      `${dir} holds no lab config files`,
      "expected nginx/nginx.conf and tomcat1/conf/*.xml",
    );
  }
  return files;
}

export function isLabDir(dir: string): boolean {
  return existsSync(join(dir, "nginx", "nginx.conf")) || existsSync(join(dir, "tomcat1", "conf"));
}
