/**
 * A Redisson config file (redisson.yaml, or the same YAML or JSON saved as redisson.conf): parsed
 * with the yaml package, which keeps every node's position, so findings point at the exact key.
 * Redisson reads the file as YAML first and then as JSON; JSON is YAML too, so one parser serves both.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

/** The server sections Redisson knows; a config needs exactly one. */
export const SERVER_SECTIONS = [
  "singleServerConfig",
  "clusterServersConfig",
  "sentinelServersConfig",
  "replicatedServersConfig",
  "masterSlaveServersConfig",
] as const;

/** Top-level keys of org.redisson.config.Config besides the server sections. */
export const TOP_LEVEL_KEYS = [
  ...SERVER_SECTIONS,
  "threads",
  "nettyThreads",
  "codec",
  "transportMode",
  "executor",
  "eventLoopGroup",
  "lockWatchdogTimeout",
  "lockWatchdogBatchSize",
  "checkLockSyncedSlaves",
  "slavesSyncTimeout",
  "reliableTopicWatchdogTimeout",
  "keepPubSubOrder",
  "useScriptCache",
  "minCleanUpDelay",
  "maxCleanUpDelay",
  "cleanUpKeysAmount",
  "nettyHook",
  "connectionListener",
  "useThreadClassLoader",
  "addressResolverGroupFactory",
  "protocol",
  "lazyInitialization",
  "referenceEnabled",
  "nettyExecutor",
  "valkeyCapabilities",
];

/** Keys whose values are Redis addresses (a string or a list of strings). */
export const ADDRESS_KEYS = [
  "address",
  "nodeAddresses",
  "sentinelAddresses",
  "masterAddress",
  "slaveAddresses",
];

export interface YamlScalar {
  /** Keys from the top, e.g. ["singleServerConfig", "address"]. */
  path: string[];
  value: unknown;
  /** Offset of the value (or of the key, for a key without a scalar value). */
  offset: number;
  keyOffset: number;
}

export interface RedissonConfig {
  errors: Array<{ offset: number; message: string }>;
  /** Top-level keys with where each starts. */
  keys: Array<{ name: string; offset: number }>;
  /** Every scalar under a key, flattened (list items share their key's path). */
  scalars: YamlScalar[];
  comments: Array<[number, number]>;
  /** Whether the text is JSON rather than block YAML. */
  json: boolean;
}

const start = (n: Node | null | undefined): number | undefined => n?.range?.[0];

function collect(node: unknown, path: string[], keyOffset: number, out: YamlScalar[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const keyAt = start(pair.key as Node) ?? keyOffset;
      if (pair.value === null || pair.value === undefined) {
        out.push({ path: [...path, key], value: null, offset: keyAt, keyOffset: keyAt });
      } else collect(pair.value, [...path, key], keyAt, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) collect(item, path, keyOffset, out);
  } else if (isScalar(node)) {
    out.push({ path, value: node.value, offset: start(node) ?? keyOffset, keyOffset });
  }
}

/** The first double or single quote before `end` that is not closed on its own line. */
function unclosedQuote(text: string, end: number): number | undefined {
  let lineStart = 0;
  for (const line of text.slice(0, end).split("\n")) {
    let open: number | undefined;
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") {
        // A quote inside a plain word (it's) opens nothing.
        if (i > 0 && /\w/.test(line[i - 1] ?? "")) continue;
        quote = c;
        open = lineStart + i;
      } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) break;
    }
    if (quote && open !== undefined) return open;
    lineStart += line.length + 1;
  }
  return undefined;
}

/** `#` comments: at a line's start or after whitespace, outside quotes. */
function yamlComments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] ?? ""))) {
        out.push([lineStart + i, lineStart + line.length]);
        break;
      }
    }
    lineStart += line.length + 1;
  }
  return out;
}

export function parseRedissonConfig(text: string): RedissonConfig {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((e) => {
    const message = e.message.split("\n")[0] ?? e.message;
    // yaml reports a missing closing quote where the input ends; the quote that opened it is more useful.
    const offset = /closing "?quote/i.test(message) ? (unclosedQuote(text, e.pos[0]) ?? e.pos[0]) : e.pos[0];
    return { offset, message };
  });
  const keys: RedissonConfig["keys"] = [];
  const scalars: YamlScalar[] = [];
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key)) keys.push({ name: String(pair.key.value), offset: start(pair.key) ?? 0 });
    }
    collect(doc.contents, [], 0, scalars);
  }
  const json = /^\s*\{/.test(text);
  return { errors, keys, scalars, comments: json ? [] : yamlComments(text), json };
}

/** Whether text is a Redisson config: a top-level server section, as YAML or JSON. */
export function looksLikeRedisson(text: string): boolean {
  const sections = SERVER_SECTIONS.join("|");
  return new RegExp(`^(?:\\s*\\{\\s*)?["']?(?:${sections})["']?\\s*:`, "m").test(text.slice(0, 65536));
}
