import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";

/**
 * Reads the given files (paths below the archive's top folder, e.g. "conf/server.xml") out of a
 * Tomcat .tar.gz, so the lab patches the distribution's own configs rather than a copy of ours.
 */
export async function readFromDistribution(tarGz: string, wanted: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on("entry", (header, stream, next) => {
      const rel = header.name.split("/").slice(1).join("/");
      if (!wanted.includes(rel)) {
        stream.on("end", next);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c) => chunks.push(c as Buffer));
      stream.on("end", () => {
        found.set(rel, Buffer.concat(chunks).toString("utf8"));
        next();
      });
    });
    ex.on("finish", resolve);
    ex.on("error", reject);
  });
  await Promise.all([pipeline(createReadStream(tarGz), createGunzip(), ex), done]);
  const missing = wanted.filter((w) => !found.has(w));
  if (missing.length) throw new Error(`${tarGz} lacks ${missing.join(", ")}`);
  return found;
}
