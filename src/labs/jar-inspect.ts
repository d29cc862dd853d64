import AdmZip from "adm-zip";

const MANAGER_CLASS = /^((?:[\w$]+\/)+)RedisSessionManager\.class$/;

/**
 * The package of the classic Redis manager inside the given jars, if one holds it:
 * com.bluejeans.tomcat.redissessions (Maven Central), com.orangefunction.tomcat.redissessions
 * (self-built jcoleman master) or com.radiadesign.catalina.session (jcoleman 1.2). The lab's
 * context.xml must name the classes of the jar that is really in lib/.
 */
export async function redisManagerPackage(jars: string[]): Promise<string | undefined> {
  for (const jar of jars) {
    if (!jar.endsWith(".jar")) continue;
    let entries: string[];
    try {
      entries = new AdmZip(jar).getEntries().map((e) => e.entryName);
    } catch {
      continue; // not a readable zip: Tomcat will say so itself
    }
    for (const name of entries) {
      const m = MANAGER_CLASS.exec(name);
      if (m) return m[1]!.slice(0, -1).replace(/\//g, ".");
    }
  }
  return undefined;
}
