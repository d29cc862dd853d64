import { readFile, readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { ARTIFACTS, artifactFileName, coordinates } from "../artifacts/catalog.js";
import { fetchArtifact, sha1File } from "../artifacts/maven.js";
import { SessionlabError } from "../core/errors.js";
import type { Progress } from "../core/output.js";
import { LABS_ROOT, type LabDefinition, NODES } from "../labs/definition.js";
import { type DigestedFile, type ImageSpec, imageSpec } from "../labs/images.js";
import type { LabPaths } from "../labs/lab-paths.js";
import { patchContextXml, patchServerXml, renderTemplate, upstreamServers } from "../labs/render.js";
import { readFromDistribution } from "../labs/tomcat-distribution.js";

export type Serializer = "java" | "kryo";

export const TRANSCODERS: Record<Serializer, string> = {
  java: "de.javakaffee.web.msm.JavaSerializationTranscoderFactory",
  kryo: "de.javakaffee.web.msm.serializer.kryo.KryoTranscoderFactory",
};

export interface PrepareOptions {
  serializer: Serializer;
  jarsDir?: string;
  mavenRepo?: string;
  baseImage: string;
  signal?: AbortSignal;
  progress: Progress;
}

export interface Prepared {
  files: Map<string, string>;
  images: { tomcat: ImageSpec; nginx: ImageSpec; store?: ImageSpec };
}

/**
 * Refuses option combinations that cannot work, before anything is downloaded or built.
 * msm 2.3.2's kryo serializer dies on Java 9+ (NoSuchFieldException: parentOffset, reference §1.9),
 * and the lab's Debian base ships Java 17 only, so there is no runtime it could work on here.
 */
export function checkOptions(def: LabDefinition, opts: { serializer: Serializer }): void {
  if (opts.serializer === "kryo") {
    if (def.store?.kind !== "memcached") {
      throw new SessionlabError(
        `--serializer applies to the memcached lab, not "${def.name}"`,
        "drop --serializer",
      );
    }
    throw new SessionlabError(
      "--serializer kryo cannot work in this lab: msm 2.3.2's kryo serializer (kryo-serializers 0.41) fails on Java 9+ " +
        "with NoSuchFieldException: parentOffset, and the lab's Debian bookworm image has Java 17 only (no Java 8 package)",
      "use the default --serializer java, which msm 2.3.2 runs on Java 17",
    );
  }
}

/** Downloads and verifies artifacts, renders the lab's files and works out its images. */
export async function prepareLab(
  def: LabDefinition,
  paths: LabPaths,
  opts: PrepareOptions,
): Promise<Prepared> {
  const { progress } = opts;
  const dist = ARTIFACTS[def.tomcat.distribution];
  progress.step(`fetching ${coordinates(dist)} and ${def.tomcat.jars.length} jars (checksums verified)`);
  let downloaded = 0;
  const fetchOpts = { repository: opts.mavenRepo, signal: opts.signal, onDownload: () => downloaded++ };
  const distPath = await fetchArtifact(dist, fetchOpts);
  const jars: DigestedFile[] = opts.jarsDir
    ? await userJars(opts.jarsDir)
    : await Promise.all(
        def.tomcat.jars.map(async (key) => {
          const art = ARTIFACTS[key];
          return {
            name: `lib/${artifactFileName(art)}`,
            path: await fetchArtifact(art, fetchOpts),
            sha1: art.sha1,
          };
        }),
      );
  progress.done(downloaded ? `${downloaded} downloaded` : "all from cache");

  const distFiles = await readFromDistribution(distPath, ["conf/server.xml", "conf/context.xml"]);
  const manager = def.tomcat.contextManager
    ? renderTemplate(await readFile(join(def.dir, def.tomcat.contextManager), "utf8"), {
        transcoderFactoryClass: TRANSCODERS[opts.serializer],
      })
    : null;
  const common = join(LABS_ROOT, "common");
  const [nginxTpl, indexTpl, probeTpl] = await Promise.all(
    ["nginx.conf", "webapp/index.jsp", "webapp/probe.jsp"].map((f) => readFile(join(common, f), "utf8")),
  );
  const files = new Map<string, string>();
  files.set(paths.nginxConf(), renderTemplate(nginxTpl!, { upstreamServers: upstreamServers(NODES) }));
  for (const node of NODES) {
    files.set(paths.serverXml(node), patchServerXml(distFiles.get("conf/server.xml")!, node));
    files.set(paths.contextXml(node), patchContextXml(distFiles.get("conf/context.xml")!, manager));
    files.set(join(paths.webappDir(node), "index.jsp"), renderTemplate(indexTpl!, { node }));
    files.set(join(paths.webappDir(node), "probe.jsp"), renderTemplate(probeTpl!, { node }));
  }

  const tomcat = await imageSpec("tomcat", opts.baseImage, [
    { name: "tomcat.tar.gz", path: distPath, sha1: dist.sha1 },
    ...jars,
  ]);
  const nginx = await imageSpec("nginx", opts.baseImage);
  const store = def.store ? await imageSpec(def.store.kind, opts.baseImage) : undefined;
  return { files, images: { tomcat, nginx, store } };
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
