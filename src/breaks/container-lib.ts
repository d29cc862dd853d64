import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { extract } from "tar-stream";
import type { Runtime } from "../runtime/runtime.js";
import { TOMCAT_LIB } from "./scenarios/missing-jar.js";

/** The jars in a Tomcat container's lib/ (the image bakes them in), copied into `dest`. */
export async function copyTomcatLib(runtime: Runtime, containerId: string, dest: string): Promise<string[]> {
  // exec returns text: the tar travels base64-encoded.
  const r = await runtime.exec(
    containerId,
    ["bash", "-c", `cd ${TOMCAT_LIB} && tar -cf - *.jar | base64 -w0`],
    { timeoutMs: 60_000 },
  );
  if (r.exitCode !== 0) throw new Error(`cannot read ${TOMCAT_LIB} in the container: ${r.stderr.trim()}`);
  const files = new Map<string, Buffer>();
  const ex = extract();
  ex.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c) => chunks.push(c as Buffer));
    stream.on("end", () => {
      if (header.type === "file") files.set(basename(header.name), Buffer.concat(chunks));
      next();
    });
    stream.resume();
  });
  const done = new Promise<void>((resolve, reject) => {
    ex.on("finish", resolve);
    ex.on("error", reject);
  });
  ex.end(Buffer.from(r.stdout, "base64"));
  await done;
  await mkdir(dest, { recursive: true });
  for (const [name, buf] of files) await writeFile(join(dest, name), buf);
  return [...files.keys()].sort();
}
