import { nearest } from "../known-classes.js";
import { ADDRESS_KEYS, SERVER_SECTIONS, TOP_LEVEL_KEYS } from "../redisson-yaml.js";
import { hasPlaceholder } from "./helpers.js";
import type { Rule } from "../types.js";

const SCHEME = /^(rediss?|valkeys?):\/\//;

export const redissonConfig: Rule = {
  meta: {
    id: "redisson-config",
    severity: "error",
    kinds: ["redisson"],
    layer: "meaning",
    description:
      "Redisson config without a server section (singleServerConfig…), with an unknown top-level key, or a Redis address without redis:// or rediss://",
    why: "Without a server section Redisson has no Redis to connect to; an address without a scheme throws IllegalArgumentException ('Redis url should start with redis:// or rediss://'); a misspelt top-level key is not the setting you meant.",
    fix: 'Start with singleServerConfig: and address: "redis://host:6379" (rediss:// for TLS).',
    example: 'singleServerConfig:\n  address: "127.0.0.1:6379"',
    fixable: false,
  },
  check(ctx) {
    const conf = ctx.file.redisson;
    // An unparsable file is redisson-syntax's finding; its keys are a guess.
    if (!conf || conf.errors.length > 0) return;
    const sections = conf.keys.filter((k) => (SERVER_SECTIONS as readonly string[]).includes(k.name));
    for (const k of conf.keys) {
      if (TOP_LEVEL_KEYS.includes(k.name)) continue;
      const guess = nearest(k.name, TOP_LEVEL_KEYS, 3);
      ctx.report({
        offset: k.offset,
        severity: guess ? "error" : "warning",
        message: guess
          ? `"${k.name}" is not a top-level key of Redisson's config; did you mean "${guess}"?`
          : `"${k.name}" is not a top-level key of Redisson's config (check the indentation: server settings belong under the server section).`,
        fix: guess ? `Write ${guess}.` : "Move it under the server section, or remove it.",
      });
    }
    if (sections.length === 0) {
      ctx.report({
        offset: conf.keys[0]?.offset ?? 0,
        message: `No server section (${SERVER_SECTIONS.join(", ")}): Redisson has no Redis to connect to.`,
      });
    } else if (sections.length > 1) {
      ctx.report({
        offset: sections[1]?.offset ?? 0,
        message: `${sections.map((s) => s.name).join(" and ")}: Redisson takes one server section.`,
        fix: "Keep the one section that matches your Redis topology.",
      });
    }
    for (const s of conf.scalars) {
      const key = s.path[s.path.length - 1] ?? "";
      if (s.path.length !== 2 || !ADDRESS_KEYS.includes(key)) continue;
      if (typeof s.value !== "string" || SCHEME.test(s.value) || hasPlaceholder(s.value)) continue;
      ctx.report({
        offset: s.offset,
        message: `${key} "${s.value}" has no redis:// or rediss:// scheme: Redisson throws 'Redis url should start with redis:// or rediss://'.`,
        fix: `Write "redis://${s.value.replace(/^[a-z]+:\/\//, "")}".`,
      });
    }
  },
};
