/** diff-config timings: a typical config (target ≤ 50 ms) and a 1 MB file (target ≤ 1 s). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CANONICAL_DIR } from "../src/diff-config/canonical.js";
import { lintFiles } from "../src/diff-config/index.js";

const CANONICAL = join(CANONICAL_DIR, "memcached", "msm@tomcat9");
const BLOG = join(
  import.meta.dirname,
  "..",
  "fixtures",
  "diff-config",
  "msm-memcached-nodes",
  "comma-space.xml",
);

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export async function benchDiffConfig(): Promise<Array<{ name: string; ms: number; targetMs?: number }>> {
  const dir = mkdtempSync(join(tmpdir(), "sessionlab-bench-"));
  try {
    const manager = readFileSync(join(CANONICAL, "context.xml"), "utf8");
    const body = manager.split("<Context>")[1]?.split("</Context>")[0] ?? "";
    const big = join(dir, "context.xml");
    // About 1 MB of Managers, with one pasted NO-BREAK SPACE so every layer has work to do.
    writeFileSync(big, `<Context>${body.repeat(Math.ceil(1_048_576 / body.length))}\u00a0</Context>\n`);
    const nginx = readFileSync(join(CANONICAL, "nginx.conf"), "utf8");
    const server =
      "    server {\n        listen 8080;\n        location / { proxy_pass http://tomcats; }\n    }\n";
    const bigNginx = join(dir, "nginx.conf");
    writeFileSync(
      bigNginx,
      nginx.replace("http {", `http {\n${server.repeat(Math.ceil(1_048_576 / server.length))}`),
    );
    await lintFiles([BLOG]); // warm-up: module loading is not the linter's speed
    return [
      {
        name: "diff-config: typical context.xml + diff (median of 20)",
        ms: await median(20, () => lintFiles([BLOG])),
        targetMs: 50,
      },
      {
        name: "diff-config: lab's 4 configs + diff (median of 20)",
        ms: await median(20, () =>
          lintFiles([
            ...["context.xml", "server.xml", "nginx.conf"].map((f) => join(CANONICAL, f)),
            join(CANONICAL, "..", "..", "redis", "classic@tomcat7", "redis.conf"),
          ]),
        ),
        targetMs: 50,
      },
      {
        name: "diff-config: 1 MB context.xml (median of 5)",
        ms: await median(5, () => lintFiles([big])),
        targetMs: 1000,
      },
      {
        name: "diff-config: 1 MB nginx.conf (median of 5)",
        ms: await median(5, () => lintFiles([bigNginx])),
        targetMs: 1000,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
