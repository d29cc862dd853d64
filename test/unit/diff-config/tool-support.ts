/** Finding the real tools (java, nginx) for the agreement tests; on CI they are required. */
import { execa } from "execa";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { FIXTURES } from "./fixture-cases.js";

export async function hasTool(cmd: string, args: string[]): Promise<boolean> {
  try {
    await execa(cmd, args, { reject: true, timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export interface Tool {
  name: string;
  present: boolean;
  /** how CI gets it, for the failure message */
  install: string;
}

/**
 * A suite that compares against a host tool. With the tool it runs; without it, on CI it fails (a
 * green run there must mean the comparison happened), elsewhere it shows one skipped test whose name
 * says why. The body is only collected when the tool is present, so it may assume the tool, and
 * should make its temp files in beforeAll rather than at module level.
 */
export function describeWithTool(title: string, tool: Tool, body: () => void): void {
  if (tool.present) {
    describe(title, body);
  } else if (process.env.CI) {
    describe(title, () => {
      it(`requires ${tool.name}`, () => {
        throw new Error(`${tool.name} is not on PATH (required on CI: ${tool.install})`);
      });
    });
  } else {
    describe(title, () => {
      it.skip(`skipped: ${tool.name} not on PATH`, () => {});
    });
  }
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
