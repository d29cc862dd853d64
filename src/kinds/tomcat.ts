import { readFile, readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { ARTIFACTS, artifactFileName, coordinates } from "../artifacts/catalog.js";
import { fetchArtifact, sha1File } from "../artifacts/maven.js";
import { SessionlabError } from "../core/errors.js";
import { LABS_ROOT, type LabNode, type LabVariant } from "../labs/definition.js";
import { type DigestedFile, imageSpec } from "../labs/images.js";
import { redisManagerPackage } from "../labs/jar-inspect.js";
import { patchContextXml, patchServerXml, renderTemplate } from "../labs/render.js";
import { readFromDistribution } from "../labs/tomcat-distribution.js";
import { tomcatAnswers } from "../orchestrator/readiness.js";
import { pollUntil } from "../runtime/wait.js";
import { CLUSTER_PAGE, isClusterMember, memberJoined } from "./cluster-page.js";
import type { NodeKind, PrepareContext } from "./kind.js";
import { TRANSCODERS } from "./settings.js";

/** The classic Redis manager's package as published on Maven Central (com.bluejeans build). */
export const DEFAULT_REDIS_PACKAGE = "com.bluejeans.tomcat.redissessions";

/** The Java the lab's Tomcat image runs (Debian bookworm's openjdk-17, see labs/images/tomcat). */
export const LAB_JAVA_MAJOR = 17;

/** The Tomcat release and Java a variant's containers run. */
export function tomcatVersions(v: LabVariant): { tomcat: string; java: number } {
  return { tomcat: ARTIFACTS[v.tomcat.distribution as keyof typeof ARTIFACTS].version, java: LAB_JAVA_MAJOR };
}

const WEBAPP = ["index.jsp", "probe.jsp", "nosession.jsp", "WEB-INF/web.xml"];

/**
 * Tomcat from the verified Apache distribution, the manager's jars in lib/, and per node: server.xml
 * with its jvmRoute, context.xml with the manager's elements, the manager's conf files, the webapp.
 */
export const tomcatKind: NodeKind = {
  name: "tomcat",
  role: "tomcat",
  order: 20,
  async prepare(ctx) {
    const { variant, paths } = ctx;
    const { dist, distPath, jars } = await fetchTomcat(ctx);
    const cluster = await clusterTemplates(variant);
    const vars: Record<string, string> = {
      ...ctx.vars,
      transcoderFactoryClass: TRANSCODERS[ctx.settings.serializer],
      redisPackage: (await redisManagerPackage(jars.map((j) => j.path))) ?? DEFAULT_REDIS_PACKAGE,
      readMode: ctx.settings.readMode,
      updateMode: ctx.settings.updateMode,
      sessionTimeoutMinutes: String(variant.def.sessionTimeoutMinutes),
      // Tomcat's cluster replicates only the sessions of webapps marked distributable.
      distributable: cluster ? "\n  <distributable/>" : "",
    };
    const fromLab = (file: string) => readTemplate(variant.def.dir, file);
    const distFiles = await readFromDistribution(distPath, ["conf/server.xml", "conf/context.xml"]);
    const managerTpl = variant.manager.contextManager ? await fromLab(variant.manager.contextManager) : null;
    const confTpls = await Promise.all(
      Object.entries(variant.manager.confFiles ?? {}).map(
        async ([name, tpl]) => [name, await fromLab(tpl)] as const,
      ),
    );
    const webappTpls = await Promise.all(
      [...WEBAPP, ...(cluster ? [CLUSTER_PAGE] : [])].map(
        async (f) => [f, await readTemplate(variant.def.dir, join("webapp", f))] as const,
      ),
    );
    // Tomcat skips scanning the manager's jars for TLDs (faster start); COPY lib/ needs the folder
    // even when the lab adds no jars.
    const libJars = jars.map((j) => j.name.slice("lib/".length)).sort();
    const image = await imageSpec(
      "tomcat",
      ctx.baseImage,
      [
        { name: "tomcat.tar.gz", path: distPath, sha1: dist.sha1 },
        ...(jars.length ? jars : [{ name: "lib/.sessionlab", content: "no extra jars\n" }]),
      ],
      libJars.length ? { SCAN_SKIP: libJars.join(",") } : {},
    );
    return {
      image,
      render(node: LabNode) {
        const v = { ...vars, ...ctx.nodeVars(node), ...node.params };
        const files = new Map<string, string>();
        files.set(
          paths.serverXml(node.name),
          patchServerXml(distFiles.get("conf/server.xml")!, v.jvmRoute!, cluster?.render(v)),
        );
        files.set(
          paths.contextXml(node.name),
          patchContextXml(
            distFiles.get("conf/context.xml")!,
            managerTpl &&
              renderTemplate(managerTpl, v, join(variant.def.dir, variant.manager.contextManager!)),
          ),
        );
        for (const [name, tpl] of confTpls)
          files.set(paths.confFile(node.name, name), renderTemplate(tpl, v, name));
        for (const [f, tpl] of webappTpls)
          files.set(join(paths.webappDir(node.name), f), renderTemplate(tpl, v, `webapp/${f}`));
        return files;
      },
      container: (node) => ({
        aliases: variant.membership?.alias ? [variant.membership.alias] : [],
        env: cluster?.env(node),
        binds: [
          { host: paths.serverXml(node.name), container: "/opt/tomcat/conf/server.xml" },
          { host: paths.contextXml(node.name), container: "/opt/tomcat/conf/context.xml" },
          ...confTpls.map(([name]) => ({
            host: paths.confFile(node.name, name),
            container: `/opt/tomcat/conf/${name}`,
          })),
          { host: paths.webappDir(node.name), container: "/opt/tomcat/webapps/ROOT" },
        ],
      }),
    };
  },
  // A member that was running sees a restarted one again only once membership notices it (DNS
  // membership: at its next heartbeat); until then it would not replicate to it.
  afterPeerRestart: async (t, restarted) => {
    const peers = restarted.filter((n) => n.kind === "tomcat").map((n) => n.name);
    if (!peers.length || !isClusterMember(t.paths, t.node.name)) return;
    await pollUntil(
      async () => memberJoined(t.runtime, t.containerId, t.node.name, [t.node.name, ...peers]),
      {
        timeoutMs: 60_000,
        intervalMs: 250,
        onTimeout: (last) =>
          last instanceof Error ? last : new Error(`${t.node.name} did not see ${peers.join(", ")}`),
      },
    );
  },
  // A cluster member is ready once it also sees every other Tomcat as a member.
  ready: async (t) =>
    (await tomcatAnswers(t.runtime, t.containerId)) &&
    (!isClusterMember(t.paths, t.node.name) ||
      memberJoined(t.runtime, t.containerId, t.node.name, t.tomcats)),
};

/**
 * Tomcat's own cluster, for a manager with `serverCluster`: per node, the membership (with one
 * rendered member per Tomcat, for static membership) filled into the manager's cluster elements.
 */
async function clusterTemplates(v: LabVariant) {
  const { serverCluster } = v.manager;
  const m = v.membership;
  if (!serverCluster || !m) return undefined;
  const dir = v.def.dir;
  const [clusterTpl, membershipTpl, memberTpl] = await Promise.all([
    readTemplate(dir, serverCluster),
    readTemplate(dir, m.template),
    m.memberTemplate ? readTemplate(dir, m.memberTemplate) : undefined,
  ]);
  const tomcats = v.nodes.filter((n) => n.kind === "tomcat");
  return {
    // Members listed by name are looked up once, when server.xml is read: the image waits for them.
    // With `startMembers: one-at-a-time` each also waits for the member before it (start-tomcat.sh).
    env: (node: LabNode): Record<string, string> => {
      const before = tomcats[tomcats.findIndex((t) => t.name === node.name) - 1];
      return {
        ...m.env,
        ...(memberTpl ? { SESSIONLAB_RESOLVE_FIRST: tomcats.map((t) => t.name).join(" ") } : {}),
        ...(v.manager.startMembers === "one-at-a-time" && before
          ? { SESSIONLAB_START_AFTER: before.name }
          : {}),
      };
    },
    render(vars: Record<string, string>): string {
      const members = memberTpl
        ? tomcats
            .map((t) =>
              renderTemplate(
                memberTpl,
                {
                  ...vars,
                  memberHost: t.name,
                  memberIndex: String(t.index),
                  memberUniqueId: uniqueId(t.index),
                },
                m.memberTemplate,
              ).trimEnd(),
            )
            .join("\n")
        : "";
      const membership = renderTemplate(membershipTpl, { ...vars, members }, m.template).trimEnd();
      return renderTemplate(clusterTpl, { ...vars, membership }, serverCluster);
    },
  };
}

/** A static member's 16-byte id in Tomcat's `{0,…,n}` form, unique per Tomcat. */
export const uniqueId = (index: number) => `{${[...Array<number>(15).fill(0), index].join(",")}}`;

/** A template from the lab's own folder, else from labs/common (shared by every lab). */
export async function readTemplate(labDir: string, file: string): Promise<string> {
  try {
    return await readFile(join(labDir, file), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    return readFile(join(LABS_ROOT, "common", file), "utf8");
  }
}

/** Downloads (or takes from the cache) the distribution and the manager's jars, checksums verified. */
async function fetchTomcat(ctx: PrepareContext) {
  const { variant, progress } = ctx;
  const dist = ARTIFACTS[variant.tomcat.distribution as keyof typeof ARTIFACTS];
  progress.step(`fetching ${coordinates(dist)} and ${variant.tomcat.jars.length} jars (checksums verified)`);
  let downloaded = 0;
  const fetchOpts = { repository: ctx.mavenRepo, signal: ctx.signal, onDownload: () => downloaded++ };
  const distPath = await fetchArtifact(dist, fetchOpts);
  const jars: DigestedFile[] = ctx.jarsDir
    ? await userJars(ctx.jarsDir)
    : await Promise.all(
        variant.tomcat.jars.map(async (key) => {
          const art = ARTIFACTS[key as keyof typeof ARTIFACTS];
          return {
            name: `lib/${artifactFileName(art)}`,
            path: await fetchArtifact(art, fetchOpts),
            sha1: art.sha1,
          };
        }),
      );
  progress.done(downloaded ? `${downloaded} downloaded` : "all from cache");
  return { dist, distPath, jars };
}

/** `--jars DIR`: the user's own jars replace the lab's downloads (e.g. a self-built manager). */
async function userJars(dir: string): Promise<DigestedFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".jar"));
  } catch (e) {
    throw new SessionlabError(
      `cannot read --jars folder ${dir}: ${(e as Error).message}`,
      "pass a folder of .jar files",
    );
  }
  if (!names.length)
    throw new SessionlabError(`--jars folder ${dir} holds no .jar files`, "pass a folder of .jar files");
  return Promise.all(
    names.sort().map(async (n) => {
      const path = join(dir, n);
      return { name: `lib/${basename(n)}`, path, sha1: await sha1File(path) };
    }),
  );
}
