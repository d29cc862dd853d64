/**
 * A CATALINA_BASE given as a folder: its conf/ files, the jars in lib/, the Tomcat version (from
 * lib/catalina.jar's ServerInfo.properties, else RELEASE-NOTES) and, when it can tell, the Java major.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { jarEntryNames, readJarEntry } from "../core/jar.js";

export interface CatalinaBase {
  dir: string;
  /** Config files found under conf/. */
  configs: string[];
  jars: string[];
  /** The classes in a lib/ jar (read on first use), for checking that a className exists. */
  classesIn(jar: string): string[];
  tomcatVersion?: string;
  tomcatMajor?: number;
  javaMajor?: number;
}

export async function isCatalinaBase(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory() && (await stat(join(path, "conf"))).isDirectory();
  } catch {
    return false;
  }
}

async function tryRead(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

export function tomcatVersionFrom(serverInfo: string): string | undefined {
  return (
    /^server\.number=(\d+\.\d+\.\d+)/m.exec(serverInfo)?.[1] ??
    /Apache Tomcat\/(\d+\.\d+\.\d+)/.exec(serverInfo)?.[1]
  );
}

async function detectVersion(dir: string): Promise<string | undefined> {
  const jar = await tryRead(join(dir, "lib", "catalina.jar"));
  if (jar) {
    try {
      const props = readJarEntry(jar, "org/apache/catalina/util/ServerInfo.properties");
      const v = props && tomcatVersionFrom(props.toString("latin1"));
      if (v) return v;
    } catch {
      // a damaged jar: fall back to the release notes
    }
  }
  const notes = await tryRead(join(dir, "RELEASE-NOTES"));
  return notes ? /Apache Tomcat Version (\d+\.\d+\.\d+)/.exec(notes.toString("latin1"))?.[1] : undefined;
}

/** Java major from JAVA_HOME (setenv.sh first, then the environment) via its `release` file. */
async function detectJava(dir: string): Promise<number | undefined> {
  const setenv = (await tryRead(join(dir, "bin", "setenv.sh")))?.toString("utf8");
  const home =
    /^\s*(?:export\s+)?JAVA_HOME=["']?([^"'\s]+)/m.exec(setenv ?? "")?.[1] ?? process.env.JAVA_HOME;
  if (!home) return undefined;
  const release = (await tryRead(join(home, "release")))?.toString("utf8");
  const v = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(release ?? "");
  if (!v) return undefined;
  return v[1] === "1" ? Number(v[2]) : Number(v[1]);
}

export async function readCatalinaBase(dir: string): Promise<CatalinaBase> {
  const conf = join(dir, "conf");
  const configs = (await list(conf))
    .filter((f) => f === "server.xml" || f === "context.xml")
    .map((f) => join(conf, f));
  for (const host of await list(join(conf, "Catalina"))) {
    for (const f of await list(join(conf, "Catalina", host)))
      if (f.endsWith(".xml")) configs.push(join(conf, "Catalina", host, f));
  }
  // An app's META-INF/context.xml is its Context too (conf/Catalina/<host>/<app>.xml wins when both exist).
  for (const app of await list(join(dir, "webapps"))) {
    const own = join(dir, "webapps", app, "META-INF", "context.xml");
    if (await tryRead(own)) configs.push(own);
  }
  const tomcatVersion = await detectVersion(dir);
  const classes = new Map<string, string[]>();
  return {
    dir,
    configs,
    classesIn(jar) {
      let names = classes.get(jar);
      if (!names) {
        try {
          names = jarEntryNames(join(dir, "lib", jar)).filter((n) => n.endsWith(".class"));
        } catch {
          names = [];
        }
        classes.set(jar, names);
      }
      return names;
    },
    jars: (await list(join(dir, "lib"))).filter((f) => f.endsWith(".jar")),
    tomcatVersion,
    tomcatMajor: tomcatVersion ? Number(tomcatVersion.split(".")[0]) : undefined,
    javaMajor: await detectJava(dir),
  };
}
