import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Every path inside a lab folder comes from here, never built ad hoc. */
export class LabPaths {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }
  static defaultFor(instance: string, cwd = process.cwd()): LabPaths {
    return new LabPaths(join(cwd, `sessionlab-${instance}`));
  }
  /** Lab folders sessionlab made in `cwd` (all of them, or the one of `instance`). */
  static async foldersIn(cwd: string, instance?: string): Promise<LabPaths[]> {
    const names = instance
      ? [`sessionlab-${instance}`]
      : (await readdir(cwd).catch(() => [])).filter((n) => n.startsWith("sessionlab-"));
    const found: LabPaths[] = [];
    for (const n of names) {
      const p = new LabPaths(join(cwd, n));
      if (existsSync(p.stateFile())) found.push(p);
    }
    return found;
  }
  /** What sessionlab rendered last, so a later `up` can tell the user's edits from its own files. */
  stateFile(): string {
    return join(this.root, ".sessionlab-state.json");
  }
  nginxConf(): string {
    return join(this.root, "nginx", "nginx.conf");
  }
  serverXml(node: string): string {
    return join(this.root, node, "conf", "server.xml");
  }
  contextXml(node: string): string {
    return join(this.root, node, "conf", "context.xml");
  }
  confFile(node: string, name: string): string {
    return join(this.root, node, "conf", name);
  }
  redisConf(): string {
    return join(this.root, "redis", "redis.conf");
  }
  webappDir(node: string): string {
    return join(this.root, node, "webapps", "ROOT");
  }
}
