import type { LabPaths } from "../../labs/lab-paths.js";
import { type BreakScenario, replaceOnce } from "../scenario.js";

/** `bind 0.0.0.0` → `bind 127.0.0.1`: Redis's own default, put back by someone "securing" it. */
export function bindLoopback(text: string): string {
  return replaceOnce(text, /^bind .*$/m, () => "bind 127.0.0.1", "bind directive");
}

export const redisLoopback: BreakScenario = {
  name: "redis-loopback",
  summary: "Redis bound to 127.0.0.1, out of the Tomcats' reach",
  appliesTo: "labs with a Redis node",
  notApplicable: (f) => (f.kinds.includes("redis") ? undefined : "this lab has no Redis node"),
  edits: "redis/redis.conf: bind 127.0.0.1",
  symptom: "Redis answers only inside its own container: the Tomcats cannot load or save sessions",
  expect: "verify-fails",
  rule: "redis-bind-loopback",
  plan: (f) => ({
    files: [{ path: (p: LabPaths) => p.redisConf(), edit: bindLoopback }],
    exec: [],
    restart: f.stores,
  }),
};
