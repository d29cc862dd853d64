import { randomBytes } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { ARTIFACTS, artifactFileName, coordinates } from "../artifacts/catalog.js";
import { fetchArtifact, sha1File } from "../artifacts/maven.js";
import { SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import { LABS_ROOT, type LabVariant, NODES } from "../labs/definition.js";
import { type DigestedFile, type ImageSpec, imageSpec } from "../labs/images.js";
import type { LabPaths } from "../labs/lab-paths.js";
import { patchContextXml, patchServerXml, renderTemplate, upstreamServers } from "../labs/render.js";
import { readFromDistribution } from "../labs/tomcat-distribution.js";
import { redisManagerPackage } from "../labs/jar-inspect.js";
import { requirepassOf } from "../stores/redis.js";

export type Serializer = "java" | "kryo";

export const TRANSCODERS: Record<Serializer, string> = {
  java: "de.javakaffee.web.msm.JavaSerializationTranscoderFactory",
  kryo: "de.javakaffee.web.msm.serializer.kryo.KryoTranscoderFactory",
};

/** The classic Redis manager's package as published on Maven Central (com.bluejeans build). */
export const DEFAULT_REDIS_PACKAGE = "com.bluejeans.tomcat.redissessions";

export interface LabSettings {
  serializer: Serializer;
  redisPassword?: string;
  readMode: "REDIS" | "MEMORY";
  updateMode: "DEFAULT" | "AFTER_REQUEST";
}

export interface PrepareOptions extends LabSettings {
  jarsDir?: string;
  mavenRepo?: string;
  baseImage: string;
  signal?: AbortSignal;
  progress: Progress;
}

export interface Prepared {
  files: Map<string, string>;
  images: { tomcat: ImageSpec; nginx: ImageSpec; store?: ImageSpec };
  redisPassword?: string;
}

/**
 * Refuses option combinations that cannot work, before anything is downloaded or built.
 * msm 2.3.2's kryo serializer dies on Java 9+ (NoSuchFieldException: parentOffset, reference §1.9),
 * and the lab's Debian base ships Java 17 only, so there is no runtime it could work on here.
 */
export function checkOptions(v: LabVariant, opts: Partial<LabSettings>): void {
  if (opts.serializer === "kryo") {
    if (v.def.store?.kind !== "memcached") {
      throw new SessionlabError(
        `--serializer applies to the memcached lab, not "${v.def.name}"`,
        "drop --serializer",
      );
    }
    throw new SessionlabError(
      "--serializer kryo cannot work in this lab: msm 2.3.2's kryo serializer (kryo-serializers 0.41) fails on Java 9+ " +
        "with NoSuchFieldException: parentOffset, and the lab's Debian bookworm image has Java 17 only (no Java 8 package)",
      "use the default --serializer java, which msm 2.3.2 runs on Java 17",
    );
  }
  const redissonOnly =
    (opts.readMode && opts.readMode !== "REDIS") || (opts.updateMode && opts.updateMode !== "DEFAULT");
  if (redissonOnly && v.managerName !== "redisson") {
    throw new SessionlabError(
      "--read-mode and --update-mode apply to the Redisson manager",
      "add --manager redisson",
    );
  }
  if (opts.redisPassword !== undefined && v.def.store?.kind !== "redis") {
    throw new SessionlabError(
      `--redis-password applies to the redis lab, not "${v.def.name}"`,
      "drop --redis-password",
    );
  }
  if (opts.redisPassword !== undefined && !/^[A-Za-z0-9_.~-]{8,128}$/.test(opts.redisPassword)) {
    throw new SessionlabError(
      "--redis-password must be 8-128 characters of letters, digits, _ . ~ -",
      "these need no escaping in redis.conf, context.xml or a redis:// URL",
    );
  }
}

/** Downloads and verifies artifacts, renders the lab's files and works out its images. */
export async function prepareLab(v: LabVariant, paths: LabPaths, opts: PrepareOptions): Promise<Prepared> {
  const { progress } = opts;
  const dist = ARTIFACTS[v.tomcat.distribution];
  progress.step(`fetching ${coordinates(dist)} and ${v.tomcat.jars.length} jars (checksums verified)`);
  let downloaded = 0;
  const fetchOpts = { repository: opts.mavenRepo, signal: opts.signal, onDownload: () => downloaded++ };
  const distPath = await fetchArtifact(dist, fetchOpts);
  const jars: DigestedFile[] = opts.jarsDir
    ? await userJars(opts.jarsDir)
    : await Promise.all(
        v.tomcat.jars.map(async (key) => {
          const art = ARTIFACTS[key];
          return {
            name: `lib/${artifactFileName(art)}`,
            path: await fetchArtifact(art, fetchOpts),
            sha1: art.sha1,
          };
        }),
      );
  progress.done(downloaded ? `${downloaded} downloaded` : "all from cache");

  const redisPassword =
    v.def.store?.kind === "redis" ? (opts.redisPassword ?? (await existingPassword(paths))) : undefined;
  const vars: Record<string, string> = {
    transcoderFactoryClass: TRANSCODERS[opts.serializer],
    redisHost: v.def.store?.host ?? "",
    redisPort: String(v.def.store?.port ?? ""),
    redisPassword: redisPassword ?? "",
    redisPackage: (await redisManagerPackage(jars.map((j) => j.path))) ?? DEFAULT_REDIS_PACKAGE,
    readMode: opts.readMode,
    updateMode: opts.updateMode,
    sessionTimeoutMinutes: String(v.def.sessionTimeoutMinutes),
  };
  const fromLab = async (file: string) => renderTemplate(await readFile(join(v.def.dir, file), "utf8"), vars);
  const distFiles = await readFromDistribution(distPath, ["conf/server.xml", "conf/context.xml"]);
  const manager = v.manager.contextManager ? await fromLab(v.manager.contextManager) : null;
  const common = join(LABS_ROOT, "common");
  const [nginxTpl, indexTpl, probeTpl, webXmlTpl] = await Promise.all(
    ["nginx.conf", "webapp/index.jsp", "webapp/probe.jsp", "webapp/WEB-INF/web.xml"].map((f) =>
      readFile(join(common, f), "utf8"),
    ),
  );
  const files = new Map<string, string>();
  files.set(paths.nginxConf(), renderTemplate(nginxTpl!, { upstreamServers: upstreamServers(NODES) }));
  const confFiles = await Promise.all(
    Object.entries(v.manager.confFiles ?? {}).map(async ([name, tpl]) => [name, await fromLab(tpl)] as const),
  );
  for (const node of NODES) {
    files.set(paths.serverXml(node), patchServerXml(distFiles.get("conf/server.xml")!, node));
    files.set(paths.contextXml(node), patchContextXml(distFiles.get("conf/context.xml")!, manager));
    for (const [name, text] of confFiles) files.set(paths.confFile(node, name), text);
    files.set(join(paths.webappDir(node), "index.jsp"), renderTemplate(indexTpl!, { node }));
    files.set(join(paths.webappDir(node), "probe.jsp"), renderTemplate(probeTpl!, { node }));
    files.set(join(paths.webappDir(node), "WEB-INF", "web.xml"), renderTemplate(webXmlTpl!, vars));
  }
  if (v.def.store?.kind === "redis") {
    files.set(paths.redisConf(), renderTemplate(await readFile(join(common, "redis.conf"), "utf8"), vars));
  }

  const tomcat = await imageSpec("tomcat", opts.baseImage, [
    { name: "tomcat.tar.gz", path: distPath, sha1: dist.sha1 },
    ...jars,
  ]);
  const nginx = await imageSpec("nginx", opts.baseImage);
  const store = v.def.store ? await imageSpec(v.def.store.kind, opts.baseImage) : undefined;
  return { files, images: { tomcat, nginx, store }, redisPassword };
}

/** Keeps the password of an earlier `up` (the user may have changed it in redis.conf), else makes one. */
async function existingPassword(paths: LabPaths): Promise<string> {
  const current = await readFile(paths.redisConf(), "utf8").catch(() => "");
  return requirepassOf(current) ?? randomBytes(18).toString("base64url");
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
