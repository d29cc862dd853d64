import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pack } from "tar-stream";

/** One file of an image build context: in-memory content or a file on disk. */
export type BuildContextFile = { name: string; content: string | Buffer } | { name: string; path: string };

/** Streams the files as a tar archive, the form the Engine API takes as a build context. */
export function buildContextTar(files: BuildContextFile[]): NodeJS.ReadableStream {
  const tar = pack();
  void (async () => {
    try {
      for (const f of files) {
        if ("content" in f) {
          tar.entry({ name: f.name, mode: 0o644 }, f.content);
        } else {
          const size = (await stat(f.path)).size;
          await new Promise<void>((resolve, reject) => {
            const entry = tar.entry({ name: f.name, size, mode: 0o644 }, (err) =>
              err ? reject(err) : resolve(),
            );
            createReadStream(f.path).on("error", reject).pipe(entry);
          });
        }
      }
      tar.finalize();
    } catch (e) {
      tar.destroy(e as Error);
    }
  })();
  return tar as unknown as NodeJS.ReadableStream;
}
