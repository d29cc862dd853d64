/** Every break scenario, in the order --list shows them. */
import type { BreakScenario } from "../scenario.js";
import { fullwidthSpace } from "./fullwidth-space.js";
import { kryoJava17 } from "./kryo-java17.js";
import { managerTypo } from "./manager-typo.js";
import { missingJar } from "./missing-jar.js";
import { missingJvmRoute } from "./missing-jvmroute.js";
import { nbspIndent } from "./nbsp-indent.js";
import { nodesCommaSpace } from "./nodes-comma-space.js";
import { redisLoopback } from "./redis-loopback.js";
import { stickySpace } from "./sticky-space.js";
import { upstreamUnderscore } from "./upstream-underscore.js";
import { valveOrder } from "./valve-order.js";

export const BREAKS: readonly BreakScenario[] = [
  nbspIndent,
  fullwidthSpace,
  managerTypo,
  stickySpace,
  missingJvmRoute,
  kryoJava17,
  redisLoopback,
  missingJar,
  valveOrder,
  nodesCommaSpace,
  upstreamUnderscore,
];
