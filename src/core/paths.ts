import { homedir } from "node:os";
import { join } from "node:path";

/** XDG cache dir for downloaded artifacts ($XDG_CACHE_HOME/sessionlab, else ~/.cache/sessionlab). */
export function cacheDir(): string {
  const base =
    process.env.SESSIONLAB_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "sessionlab");
  return base;
}
