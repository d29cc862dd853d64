import { jarEntryNames } from "../core/jar.js";

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
    for (const name of jarEntryNames(jar)) {
      const m = MANAGER_CLASS.exec(name);
      if (m) return m[1]!.slice(0, -1).replace(/\//g, ".");
    }
  }
  return undefined;
}
