/**
 * The known-good configs diff-config compares with, rendered by the labs' own renderer from the real
 * distributions: one folder per lab variant (lab/manager@tomcatX, and +membership for a cluster's
 * other memberships) holding tomcat1's server.xml and
 * context.xml, the manager's conf files, the webapp's web.xml, nginx.conf and redis.conf, plus nginx.conf for
 * 3–5 Tomcats.
 * `npm run gen:known-good` writes them to fixtures/diff-config/canonical; a test checks they are current.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { createProgress } from "../core/progress.js";
import { prepareLab } from "../orchestrator/prepare.js";
import { MAX_TOMCATS, listLabNamesSync, loadLab, selectVariant } from "./definition.js";
import { LabPaths } from "./lab-paths.js";

/** The webapp's descriptor (<distributable/> in a cluster lab), as diff-config's lab-folder file list reads it. */
const WEB_XML = "tomcat1/webapps/ROOT/WEB-INF/web.xml";

/** Stands for the generated password of a lab's Redis; diff-config treats passwords as parameters. */
export const KNOWN_GOOD_PASSWORD = "known-good-password";

/** Every known-good file: path relative to the canonical folder → content. */
export async function renderKnownGood(baseImage = "debian:bookworm-slim"): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const work = await mkdtemp(join(tmpdir(), "sessionlab-known-good-"));
  const settings = {
    serializer: "java" as const,
    readMode: "REDIS" as const,
    updateMode: "DEFAULT" as const,
    redisPassword: KNOWN_GOOD_PASSWORD,
    baseImage,
    port: 8080,
    progress: createProgress({ quiet: true }),
  };
  try {
    for (const name of listLabNamesSync()) {
      const def = await loadLab(name);
      for (const [manager, m] of Object.entries(def.managers)) {
        // A cluster's memberships: the default in the variant's folder, each other one beside it (+name).
        const memberships = m.serverCluster && def.membership ? Object.keys(def.membership.choices) : [undefined];
        for (const tomcat of Object.keys(m.tomcat)) {
          for (const membership of memberships) {
            const other = membership && membership !== def.membership?.default ? `+${membership}` : "";
            const folder = `${name}/${manager}@tomcat${tomcat}${other}`;
            const paths = new LabPaths(join(work, folder));
            const prepared = await prepareLab(selectVariant(def, { manager, tomcat, membership }), paths, settings);
            for (const [abs, text] of prepared.files) {
              const rel = relative(paths.root, abs);
              // nginx.conf and web.xml do not change with the membership: once, in the variant's own folder
              if (other && (rel === "nginx/nginx.conf" || rel === WEB_XML)) continue;
              if (
                rel.startsWith("tomcat1/conf/") ||
                rel === WEB_XML ||
                rel === "nginx/nginx.conf" ||
                rel === "redis/redis.conf"
              )
                out.set(`${folder}/${basename(rel)}`, text);
            }
          }
        }
      }
    }
    // nginx.conf depends only on the balancing and the number of Tomcats: one lab of each balancing.
    const byBalancing = new Map<string, string>();
    for (const name of listLabNamesSync()) {
      const def = await loadLab(name);
      const nginx = Object.values(def.nodes).find((g) => g.kind === "nginx");
      if (nginx?.kind === "nginx" && !byBalancing.has(nginx.balancing)) byBalancing.set(nginx.balancing, name);
    }
    for (const [balancing, name] of byBalancing) {
      const def = await loadLab(name);
      for (let n = 3; n <= MAX_TOMCATS; n++) {
        const paths = new LabPaths(join(work, `nginx-${balancing}-${n}`));
        const prepared = await prepareLab(selectVariant(def, { tomcats: n }), paths, settings);
        out.set(`nginx/${balancing}/${n}-tomcats/nginx.conf`, prepared.files.get(paths.nginxConf())!);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return out;
}
