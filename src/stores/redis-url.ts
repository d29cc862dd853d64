import { createClient } from "redis";
import type { StoreLookup } from "./lookup.js";
import { parseExistsTtl } from "./redis.js";

/**
 * Looks a session up in a Redis the user names with --store redis://[:password@]host:port[/db]
 * (for `verify --url`, where sessionlab does not know which manager the deployment runs, so it
 * tries the key of every manager it knows).
 */
export async function lookupRedisUrl(url: string, keys: string[], timeoutMs = 3000): Promise<StoreLookup> {
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on("error", () => undefined); // surfaced by the awaited calls below
  await client.connect();
  try {
    for (const key of keys) {
      if ((await client.exists(key)) === 1) return parseExistsTtl(key, `1 ${await client.ttl(key)}`);
    }
    return { found: false, detail: `none of ${keys.join(", ")} exists` };
  } finally {
    await client.close().catch(() => undefined);
  }
}
