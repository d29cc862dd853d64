import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { LABS_ROOT } from "../labs/definition.js";
import { imageSpec } from "../labs/images.js";
import type { LabPaths } from "../labs/lab-paths.js";
import { renderTemplate } from "../labs/render.js";
import { lookupInContainer, pingInContainer, requirepassOf } from "../stores/redis.js";
import type { NodeKind } from "./kind.js";

export const REDIS_PORT = 6379;
const CONF_IN_CONTAINER = "/etc/redis/sessionlab.conf";

/** The password is whatever the lab's redis.conf says now: the user may have changed it. */
export async function labRedisPassword(paths: LabPaths): Promise<string> {
  const conf = await readFile(paths.redisConf(), "utf8");
  const pw = requirepassOf(conf);
  if (!pw) throw new Error(`no requirepass in ${paths.redisConf()}`);
  return pw;
}

/** Keeps the password of an earlier `up` (the user may have changed it in redis.conf), else makes one. */
async function existingPassword(paths: LabPaths): Promise<string> {
  const current = await readFile(paths.redisConf(), "utf8").catch(() => "");
  return requirepassOf(current) ?? randomBytes(18).toString("base64url");
}

/**
 * Redis from Debian with the lab's redis.conf: on the lab network only, protected mode on, a
 * password (generated, or --redis-password). Offers the managers {{redisHost}}, {{redisPort}},
 * {{redisPassword}} and msm's {{redisUrl}}.
 */
export const redisKind: NodeKind = {
  name: "redis",
  role: "store",
  order: 10,
  async prepare(ctx, nodes) {
    const host = nodes[0]!.name;
    const password = ctx.settings.redisPassword ?? (await existingPassword(ctx.paths));
    const vars = {
      redisHost: host,
      redisPort: String(REDIS_PORT),
      redisPassword: password,
      // msm hands the URL to Jedis 2.9, which reads the password after a leading colon.
      redisUrl: `redis://:${password}@${host}:${REDIS_PORT}/0`,
    };
    const conf = renderTemplate(await readFile(join(LABS_ROOT, "common", "redis.conf"), "utf8"), vars);
    return {
      image: await imageSpec("redis", ctx.baseImage),
      vars,
      render: () => new Map([[ctx.paths.redisConf(), conf]]),
      // NET_ADMIN on the store only: the store-latency drill adds delay with tc netem inside it.
      container: () => ({
        binds: [{ host: ctx.paths.redisConf(), container: CONF_IN_CONTAINER }],
        capAdd: ["NET_ADMIN"],
      }),
    };
  },
  ready: async (t) => pingInContainer(t.runtime, t.containerId, await labRedisPassword(t.paths)),
  store: {
    candidates: (nodes) => nodes,
    lookup: async (runtime, node, key, paths) =>
      lookupInContainer(runtime, node.containerId, key, await labRedisPassword(paths)),
  },
};
