import { createClient } from "redis";
import type { StoreLookup } from "./memcached.js";

/** The keys the known Redis managers store a session under: the classic manager, then Redisson. */
export const REDIS_SESSION_KEYS = (id: string) => [id, `redisson:tomcat_session:${id}`];

/**
 * Looks a session up in a Redis the user names with --store redis://[:password@]host:port[/db]
 * (for `verify --url`, where sessionlab does not know which manager the deployment runs).
 */
export async function lookupRedisUrl(url: string, sessionId: string, timeoutMs = 3000): Promise<StoreLookup> {
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on("error", () => undefined); // surfaced by the awaited calls below
  await client.connect();
  try {
    for (const key of REDIS_SESSION_KEYS(sessionId)) {
      if ((await client.exists(key)) === 1) {
        const ttl = await client.ttl(key);
        return {
          found: true,
          detail: `EXISTS ${key} → 1; TTL → ${ttl}`,
          ttlSeconds: ttl >= 0 ? ttl : undefined,
        };
      }
    }
    return { found: false, detail: `none of ${REDIS_SESSION_KEYS(sessionId).join(", ")} exists` };
  } finally {
    await client.close().catch(() => undefined);
  }
}
