import { mkdir, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { SessionlabError } from "./errors.js";

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * `mkdir -p` that always ends. Node's own `mkdir(…, { recursive: true })` retries forever at 100 % CPU
 * when mkdir answers ENOENT although the parent exists (any path under /proc, or below a dangling
 * symlink); the sync form also blocks the event loop, so not even SIGTERM gets through. Here each
 * missing folder is made once, outermost first, and the first failure is final: the folders made so
 * far are removed again and the error is thrown. Returns the folders it made, outermost first.
 */
export async function makeDirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let p = resolve(dir); ; p = dirname(p)) {
    const found = await stat(p).then(
      (s) => s,
      (e: unknown) => e as NodeJS.ErrnoException,
    );
    if (!(found instanceof Error)) {
      if (!found.isDirectory())
        throw Object.assign(new Error(`${p} is a file, not a folder`), { code: "ENOTDIR" });
      break;
    }
    if (found.code !== "ENOENT" || dirname(p) === p) throw found;
    missing.unshift(p);
  }
  const made: string[] = [];
  try {
    for (const d of missing) {
      try {
        await mkdir(d);
        made.push(d);
      } catch (e) {
        // Someone else made it meanwhile: fine. A dangling symlink also says EEXIST, but is no folder.
        if (code(e) !== "EEXIST" || !(await isDir(d))) throw e;
      }
    }
  } catch (e) {
    await removeEmpty(made);
    throw e;
  }
  return made;
}

async function removeEmpty(made: string[]): Promise<void> {
  for (const d of [...made].reverse()) await rmdir(d).catch(() => undefined);
}

/** A short reason for a file-system error, for a one-sentence message. */
export function fsReason(e: unknown): string {
  switch (code(e)) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "ENOENT":
      return "that place cannot hold folders (e.g. /proc, or a symlink to nothing)";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return (e as Error).message;
  }
}

/**
 * Checks that `dir` can be created (if missing) and written, by doing it: make it, write and delete a
 * probe file, then remove the folders this check made, so a later failure leaves nothing behind.
 */
export async function checkWritableDir(dir: string, what: string, fix: string): Promise<void> {
  let made: string[] = [];
  try {
    made = await makeDirs(dir);
    const probe = join(dir, `.sessionlab-probe-${process.pid}`);
    await writeFile(probe, "");
    await unlink(probe);
  } catch (e) {
    throw new SessionlabError(`cannot write to the ${what} ${dir}: ${fsReason(e)}`, fix);
  } finally {
    await removeEmpty(made);
  }
}
