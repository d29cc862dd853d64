import { attr } from "../xml.js";
import { MSM_TRANSCODERS, nearest } from "../known-classes.js";
import { hasPlaceholder, knownManagers } from "./helpers.js";
import type { Rule } from "../types.js";

const FIX =
  "Use de.javakaffee.web.msm.JavaSerializationTranscoderFactory, or kryo/xstream/flexjson with their jars.";

export const msmTranscoder: Rule = {
  meta: {
    id: "msm-transcoder",
    severity: "warning",
    kinds: ["context-xml", "server-xml", "xml"],
    layer: "meaning",
    description:
      "msm transcoderFactoryClass that is not one of msm's five serializers, or the javolution one msm no longer builds",
    why: "An unknown class fails at start unless it is your own class on the classpath; javolution was dropped in msm 2.2.0, so no current jar has it.",
    fix: "Use de.javakaffee.web.msm.JavaSerializationTranscoderFactory (the default) unless you ship the serializer's jars.",
    example:
      'transcoderFactoryClass="de.javakaffee.web.msm.serializer.javolution.JavolutionTranscoderFactory"',
    fixable: false,
  },
  check(ctx) {
    for (const { el, cls } of knownManagers(ctx.file)) {
      const a = attr(el, "transcoderFactoryClass");
      if (cls.flavor !== "msm" || !a || hasPlaceholder(a.value)) continue;
      const v = a.value.trim();
      if (v.includes("Javolution")) {
        ctx.report({
          offset: a.valueOffset,
          message: "The javolution serializer was dropped in msm 2.2.0; no msm 2.2+ jar provides it.",
          fix: FIX,
        });
      } else if (!MSM_TRANSCODERS.includes(v) && !nearest(v, MSM_TRANSCODERS, 3)) {
        ctx.report({
          offset: a.valueOffset,
          message: `transcoderFactoryClass "${v}" is not one of msm's serializers; it must be your own class on the classpath.`,
          fix: FIX,
        });
      }
    }
  },
};
