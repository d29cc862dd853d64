/** Finding the real tools (java, nginx) for the agreement tests; on CI they are required. */
import { execa } from "execa";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES } from "./fixture-cases.js";

export async function hasTool(cmd: string, args: string[]): Promise<boolean> {
  try {
    await execa(cmd, args, { reject: true, timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

/** Whether to run a tool test: always on CI (where a missing tool must fail), else only if present. */
export function shouldRun(present: boolean): boolean {
  return present || Boolean(process.env.CI);
}

export function fixtureFiles(test: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (test(path)) out.push(path);
    }
  };
  walk(FIXTURES);
  return out;
}
