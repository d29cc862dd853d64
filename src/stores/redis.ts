import type { Runtime } from "../runtime/runtime.js";
import type { StoreLookup } from "./lookup.js";

/** The password a redis.conf sets with `requirepass`, if any. */
export function requirepassOf(conf: string): string | undefined {
  return /^\s*requirepass\s+(\S+)/m.exec(conf)?.[1];
}

// redis-cli reads the password from REDISCLI_AUTH, so it never shows in the process list.
const auth = (password: string) => [`REDISCLI_AUTH=${password}`];

export async function pingInContainer(runtime: Runtime, id: string, password: string): Promise<boolean> {
  const res = await runtime.exec(id, ["redis-cli", "-h", "127.0.0.1", "ping"], { env: auth(password) });
  return res.exitCode === 0 && res.stdout.trim() === "PONG";
}

/** Parses the two lines redis-cli prints for `EXISTS key` and `TTL key`. */
export function parseExistsTtl(key: string, output: string): StoreLookup {
  const [exists, ttl] = output.trim().split(/\s+/).map(Number);
  if (exists === undefined || ttl === undefined || Number.isNaN(exists) || Number.isNaN(ttl)) {
    throw new Error(`unexpected redis-cli output: ${JSON.stringify(output.slice(0, 120))}`);
  }
  if (exists !== 1) return { found: false, detail: `EXISTS ${key} → 0` };
  return {
    found: true,
    detail: `EXISTS ${key} → 1; TTL → ${ttl}`,
    ttlSeconds: ttl >= 0 ? ttl : undefined,
  };
}

export async function lookupInContainer(
  runtime: Runtime,
  id: string,
  key: string,
  password: string,
): Promise<StoreLookup> {
  const script = 'redis-cli -h 127.0.0.1 EXISTS "$1" && redis-cli -h 127.0.0.1 TTL "$1"';
  const res = await runtime.exec(id, ["bash", "-c", script, "_", key], { env: auth(password) });
  if (res.exitCode !== 0 || /NOAUTH|WRONGPASS|ERR/.test(res.stdout)) {
    throw new Error(`redis did not answer: ${(res.stderr || res.stdout).trim() || `exit ${res.exitCode}`}`);
  }
  return parseExistsTtl(key, res.stdout);
}
