/**
 * A redis.conf reader that splits lines as Redis's config.c does (sdssplitargs): ASCII whitespace
 * separates arguments, quotes group them, and a closing quote must be followed by a space.
 */
export interface RedisDirective {
  name: string;
  offset: number;
  args: Array<{ value: string; offset: number }>;
}

export interface RedisConfig {
  directives: RedisDirective[];
  comments: Array<[number, number]>;
  errors: Array<{ offset: number; message: string }>;
}

const isSpace = (c: string | undefined) =>
  c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\v" || c === "\f";

export function parseRedisConf(text: string): RedisConfig {
  const conf: RedisConfig = { directives: [], comments: [], errors: [] };
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf("\n", lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    parseLine(text, lineStart, lineEnd, conf);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return conf;
}

function parseLine(text: string, start: number, end: number, conf: RedisConfig): void {
  let i = start;
  while (i < end && isSpace(text[i])) i++;
  if (i >= end) return;
  if (text[i] === "#") {
    conf.comments.push([i, end]);
    return;
  }
  const words: Array<{ value: string; offset: number }> = [];
  while (i < end) {
    while (i < end && isSpace(text[i])) i++;
    if (i >= end) break;
    const wordStart = i;
    const q = text[i];
    if (q === '"' || q === "'") {
      let value = "";
      i++;
      while (i < end && text[i] !== q) {
        if (text[i] === "\\" && i + 1 < end) {
          value += text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      if (i >= end || (i + 1 < end && !isSpace(text[i + 1]))) {
        conf.errors.push({ offset: wordStart, message: "Unbalanced quotes in configuration line" });
        return;
      }
      i++;
      words.push({ value, offset: wordStart });
    } else {
      while (i < end && !isSpace(text[i])) i++;
      words.push({ value: text.slice(wordStart, i), offset: wordStart });
    }
  }
  const [head, ...args] = words;
  if (head) conf.directives.push({ name: head.value.toLowerCase(), offset: head.offset, args });
}
