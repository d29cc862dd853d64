/** Reads a config file's bytes, decodes them strictly as UTF-8, and works out what kind of file it is. */
import { readFile, stat } from "node:fs/promises";
import { binaryReason, humanSize, MAX_CONFIG_BYTES } from "./binary.js";
import { SessionlabError } from "../core/errors.js";
import { SourceText } from "./source-text.js";
import { parseXml } from "./xml.js";
import { parseNginx } from "./nginx.js";
import { parseRedisConf } from "./redis-conf.js";
import { looksLikeRedisson, parseRedissonConfig } from "./redisson-yaml.js";
import { NGINX_DIRECTIVES } from "./nginx-directives.js";
import { REDIS_DIRECTIVES } from "./redis-directives.js";
import { KINDS, type Kind, type LoadedFile } from "./types.js";

/**
 * A file diff-config cannot check (missing, unreadable, too large, binary). lintFiles reports it
 * with the file and goes on with the others; the command then exits 2.
 */
export class UnreadableConfigError extends SessionlabError {
  constructor(
    readonly path: string,
    message: string,
    hint: string,
  ) {
    super(message, hint);
    this.name = "UnreadableConfigError";
  }
}

const PASS_CONFIGS =
  "pass config files (context.xml, server.xml, web.xml, nginx.conf, redis.conf) or a CATALINA_BASE folder";

export async function readConfig(path: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    // The size is checked before reading, so a huge file is refused at once, not after filling memory.
    const size = (await stat(path)).size;
    if (size > MAX_CONFIG_BYTES)
      throw new UnreadableConfigError(
        path,
        `${path} is ${humanSize(size)}, more than the ${humanSize(MAX_CONFIG_BYTES)} any config file needs, so it was not read.`,
        `${PASS_CONFIGS}, not a log, dump or archive`,
      );
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof UnreadableConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableConfigError(
      path,
      `cannot read ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message}`,
      PASS_CONFIGS,
    );
  }
  const binary = binaryReason(bytes);
  if (binary)
    throw new UnreadableConfigError(
      path,
      `${path} is not a text config file: ${binary}.`,
      /UTF-16/.test(binary) ? "save it as UTF-8" : PASS_CONFIGS,
    );
  return bytes;
}

export function parseKind(value: string): Kind {
  const aliases: Record<string, Kind> = {
    context: "context-xml",
    server: "server-xml",
    web: "web-xml",
    "redis-conf": "redis",
    "redisson-yaml": "redisson",
    yaml: "redisson",
  };
  const kind = aliases[value] ?? value;
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new SessionlabError(`unknown --kind "${value}"`, `use one of: ${KINDS.join(", ")}`);
  }
  return kind as Kind;
}

/**
 * Decodes UTF-8, replacing each undecodable run with one U+FFFD and remembering where, so a
 * GBK- or Latin-1-saved file is reported at the exact character instead of being rejected whole.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; invalid: number[] } {
  const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return { text: strict.decode(bytes), invalid: [] };
  } catch {
    // fall through to the slow path that locates each bad byte
  }
  let text = "";
  const invalid: number[] = [];
  let segment = 0;
  let i = 0;
  const flush = (end: number) => {
    if (end > segment) text += strict.decode(bytes.subarray(segment, end));
  };
  while (i < bytes.length) {
    const len = validSequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    flush(i);
    invalid.push(text.length);
    text += "\ufffd";
    i++;
    segment = i;
  }
  flush(bytes.length);
  return { text, invalid };
}

/** Length of the well-formed UTF-8 sequence at i, or 0 (RFC 3629 table 3-7). */
function validSequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i] ?? 0;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const v = b[i + k];
    return v !== undefined && v >= lo && v <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** The encoding an XML declaration names, if any. */
function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString("latin1");
  return /^(?:\ufeff|\u00ef\u00bb\u00bf)?\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    head,
  )?.[1];
}

export function detectKind(text: string): Kind {
  const start = text.search(/\S/);
  // Stray text before the prolog is itself an XML error, so look a little further than the first character.
  if ((start >= 0 && text[start] === "<") || /<\?xml|<(?:Context|Server)[\s>/]/.test(text.slice(0, 4096))) {
    const root = /<(?![?!/])([^\s/>]+)/.exec(text.replace(/<!--[\s\S]*?-->/g, ""))?.[1];
    return root === "Context"
      ? "context-xml"
      : root === "Server"
        ? "server-xml"
        : root === "web-app"
          ? "web-xml"
          : "xml";
  }
  // Redisson's YAML shares words with redis.conf (timeout, password): its server section decides.
  if (looksLikeRedisson(text)) return "redisson";
  let nginx = 0;
  let nginxKnown = 0;
  let redis = 0;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    if (/[;{}]$/.test(line)) {
      nginx++;
      if (NGINX_DIRECTIVES.has(line.split(/[\s;{]/)[0] ?? "")) nginxKnown++;
    } else if (REDIS_DIRECTIVES.has(line.split(/\s+/)[0]?.toLowerCase() ?? "")) redis++;
  }
  // Java policy files and the like also end lines with ; and braces: nginx needs nginx's own words.
  const isNginx = nginxKnown > 0 && nginxKnown * 3 >= nginx;
  if (!isNginx && redis === 0) return "text";
  return isNginx && nginx >= redis ? "nginx" : redis > 0 ? "redis" : "text";
}

/** When the content says nothing (an empty or comment-only file), the name decides. */
export function withExtensionHint(kind: Kind, path: string): Kind {
  if (kind !== "text") return kind;
  if (/\.xml$/i.test(path)) return "xml";
  if (/nginx[^/]*\.conf$/i.test(path)) return "nginx";
  if (/redisson[^/]*\.(ya?ml|json|conf)$/i.test(path)) return "redisson";
  if (/redis[^/]*\.conf$/i.test(path)) return "redis";
  return kind;
}

export function loadFromBytes(path: string, bytes: Buffer, kindOverride?: Kind): LoadedFile {
  // Notepad's "Unicode" is UTF-16 with a byte-order mark; read it, and let the bom rule say so.
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : undefined;
  const hasBom = utf16 !== undefined || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  const body = hasBom ? bytes.subarray(utf16 ? 2 : 3) : bytes;
  let decoded = utf16 ? { text: new TextDecoder(utf16).decode(body), invalid: [] } : decodeUtf8(body);
  const declared = declaredXmlEncoding(bytes);
  // A file that says it is GBK or ISO-8859-1 is read that way by Xerces, so it is not an error.
  if (!utf16 && decoded.invalid.length > 0 && declared && !/^utf-?8$/i.test(declared)) {
    try {
      decoded = { text: new TextDecoder(declared).decode(body), invalid: [] };
    } catch {
      // an encoding Node cannot decode: keep the UTF-8 reading and its findings
    }
  }
  const text = decoded.text;
  let kind = kindOverride ?? withExtensionHint(detectKind(text), path);
  const file: LoadedFile = {
    path,
    kind,
    bytes,
    text,
    source: new SourceText(text),
    hasBom,
    encoding: utf16 ?? "utf-8",
    invalidBytes: decoded.invalid,
    comments: [],
  };
  if (kind === "context-xml" || kind === "server-xml" || kind === "web-xml" || kind === "xml") {
    file.xml = parseXml(text);
    // Valve + Manager from a README: read as the children of a Context, which they are.
    if (file.xml.fragment) {
      file.fragment = file.xml.fragment;
      if (!kindOverride && kind === "xml") file.kind = kind = "context-xml";
    }
    // UTF-16 bytes under a declaration that says UTF-8: Xerces stops after the declaration.
    const decl = utf16 ? /^<\?xml[^>]*encoding\s*=\s*["']utf-?8["'][^>]*\?>\s*/i.exec(text) : null;
    if (decl) {
      const at = file.source.position(decl[0].length);
      file.xml.error = {
        ...at,
        message: `the XML declaration says UTF-8 but the file is ${utf16?.toUpperCase()}`,
      };
    }
    file.comments = file.xml.comments;
  } else if (kind === "nginx") {
    file.nginx = parseNginx(text);
    file.comments = file.nginx.comments;
  } else if (kind === "redis") {
    file.redis = parseRedisConf(text);
    file.comments = file.redis.comments;
  } else if (kind === "redisson") {
    file.redisson = parseRedissonConfig(text);
    file.comments = file.redisson.comments;
  }
  return file;
}

export async function loadFile(path: string, kindOverride?: Kind): Promise<LoadedFile> {
  return loadFromBytes(path, await readConfig(path), kindOverride);
}
