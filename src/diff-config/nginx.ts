/**
 * An nginx.conf reader that tokenises exactly as nginx's ngx_conf_file.c does: only space, tab, CR
 * and LF separate tokens, so a pasted NO-BREAK SPACE becomes part of a directive name, as it does
 * for nginx itself ("unknown directive").
 */
import {
  CONTEXT_NAMES,
  NGINX_ARG_COUNTS,
  NGINX_CONTEXTS,
  NGINX_BLOCK_DIRECTIVES,
  NGINX_DIRECTIVES,
  NGINX_ONCE,
  NGINX_PARAMS,
} from "./nginx-directives.js";

export interface NginxToken {
  value: string;
  offset: number;
  quoted: boolean;
}

export interface NginxDirective {
  name: string;
  offset: number;
  args: NginxToken[];
  block?: NginxDirective[];
  parent?: NginxDirective;
}

export interface NginxConfig {
  directives: NginxDirective[];
  comments: Array<[number, number]>;
  /** Errors nginx itself would stop on, in file order. */
  errors: Array<{ offset: number; message: string; fix?: string }>;
  /** True when the file has no top-level events/http block, i.e. it is an include fragment. */
  fragment: boolean;
}

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\r" || c === "\n";

export function parseNginx(text: string): NginxConfig {
  const conf: NginxConfig = { directives: [], comments: [], errors: [], fragment: true };
  const stack: NginxDirective[][] = [conf.directives];
  const parents: Array<NginxDirective | undefined> = [undefined];
  let words: NginxToken[] = [];
  const n = text.length;
  let i = 0;
  const fail = (offset: number, message: string) => {
    conf.errors.push({ offset, message });
  };
  const emit = (terminator: ";" | "{", at: number): NginxDirective | undefined => {
    const [head, ...args] = words;
    words = [];
    if (!head) {
      fail(at, `unexpected "${terminator}"`);
      return undefined;
    }
    const d: NginxDirective = {
      name: head.value,
      offset: head.offset,
      args,
      parent: parents[parents.length - 1],
    };
    stack[stack.length - 1]?.push(d);
    return d;
  };
  while (i < n) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c === "#") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? n : end;
      conf.comments.push([i, stop]);
      i = stop;
    } else if (c === ";") {
      emit(";", i);
      i++;
    } else if (c === "{") {
      const d = emit("{", i);
      i++;
      if (d) {
        d.block = [];
        stack.push(d.block);
        parents.push(d);
      } else {
        stack.push([]);
        parents.push(undefined);
      }
    } else if (c === "}") {
      if (words.length > 0 || stack.length === 1) fail(i, 'unexpected "}"');
      words = [];
      if (stack.length > 1) {
        stack.pop();
        parents.pop();
      }
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = "";
      while (j < n && text[j] !== c) {
        if (text[j] === "\\" && j + 1 < n) {
          const next = text[j + 1];
          value += next === c || next === "\\" ? next : `\\${next}`;
          j += 2;
        } else value += text[j++];
      }
      if (j >= n) {
        fail(n, 'unexpected end of file, expecting ";" or "}"');
        words = [];
        stack.length = 1;
        i = n;
        break;
      }
      words.push({ value, offset: i, quoted: true });
      j++;
      const after = text[j];
      if (after !== undefined && !isSpace(after) && after !== ";" && after !== "{") {
        fail(j, `unexpected "${after}"`);
      }
      i = j;
    } else {
      let j = i;
      while (j < n && !isSpace(text[j]) && !";{}".includes(text[j] ?? "")) {
        // "${" ... "}" is one token in nginx, and a backslash escapes the next character.
        if (text[j] === "$" && text[j + 1] === "{") {
          const close = text.indexOf("}", j);
          j = close < 0 ? n : close + 1;
        } else j += text[j] === "\\" ? 2 : 1;
      }
      const value = text.slice(i, Math.min(j, n));
      words.push({ value, offset: i, quoted: false });
      i = j;
    }
  }
  if (words.length > 0) fail(n, 'unexpected end of file, expecting ";" or "}"');
  else if (stack.length > 1) fail(n, 'unexpected end of file, expecting "}"');
  conf.fragment = !conf.directives.some((d) => d.name === "http" || d.name === "events");
  checkDirectiveShapes(text, conf.directives, conf);
  conf.errors.sort((a, b) => a.offset - b.offset);
  return conf;
}

/** Unknown names, block/simple mix-ups and argument counts, which nginx -t also rejects. */
function checkDirectiveShapes(text: string, list: NginxDirective[], conf: NginxConfig): void {
  for (const d of walkNginx(list)) {
    const inMapLike = d.parent && ["map", "types", "geo", "split_clients", "match"].includes(d.parent.name);
    // `server` is a block in http but a plain directive inside upstream.
    const isBlock =
      NGINX_BLOCK_DIRECTIVES.has(d.name) && !(d.name === "server" && d.parent?.name === "upstream");
    if (!inMapLike) {
      if (!NGINX_DIRECTIVES.has(d.name)) {
        conf.errors.push({ offset: d.offset, message: `unknown directive "${d.name}"` });
      } else if (isBlock && !d.block) {
        conf.errors.push({ offset: d.offset, message: `directive "${d.name}" has no opening "{"` });
      } else if (!isBlock && d.block) {
        conf.errors.push({ offset: d.offset, message: `directive "${d.name}" is not terminated by ";"` });
      } else if (!checkContext(d, conf.fragment, conf) && !checkDuplicate(text, d, list, conf)) {
        checkArguments(text, d, conf);
      }
    }
  }
}

/**
 * The context a directive sits in, or undefined when it cannot be known: the top of an include
 * fragment (included from http, a server or a location) and anything inside stream or mail.
 */
export function nginxContext(d: NginxDirective, fragment: boolean): string | undefined {
  const p = d.parent;
  if (!p) return fragment ? undefined : "main";
  switch (p.name) {
    case "events":
    case "http":
    case "location":
    case "upstream":
    case "limit_except":
      return p.parent && ["stream", "mail"].includes(p.parent.name) ? undefined : p.name;
    case "server": {
      const outer = p.parent ? nginxContext(p, fragment) : fragment ? "http" : "main";
      return outer === "http" ? "server" : undefined;
    }
    case "if": {
      const outer = nginxContext(p, fragment);
      return outer === "server" ? "if-server" : outer === "location" ? "if-location" : undefined;
    }
    default:
      return undefined;
  }
}

/** '"X" directive is duplicate': a set-once directive given a second time in the same block. */
function checkDuplicate(text: string, d: NginxDirective, top: NginxDirective[], conf: NginxConfig): boolean {
  if (!NGINX_ONCE.has(d.name)) return false;
  const siblings = d.parent?.block ?? top;
  const first = siblings.find((s) => s.name === d.name);
  if (!first || first === d) return false;
  conf.errors.push({
    offset: d.offset,
    message: `"${d.name}" directive is duplicate`,
    fix: `Keep one ${d.name} in this block (the first is on line ${text.slice(0, first.offset).split("\n").length}).`,
  });
  return true;
}

/** '"X" directive is not allowed here', as nginx -t says for a directive in the wrong block. */
function checkContext(d: NginxDirective, fragment: boolean, conf: NginxConfig): boolean {
  // `server` inside upstream is the upstream's server line, not the http block.
  const allowed =
    d.name === "server" ? (d.block ? new Set(["http"]) : new Set(["upstream"])) : NGINX_CONTEXTS.get(d.name);
  const context = nginxContext(d, fragment);
  if (!allowed || !context || allowed.has(context)) return false;
  conf.errors.push({
    offset: d.offset,
    message: `"${d.name}" directive is not allowed here (in ${CONTEXT_NAMES[context] ?? context})`,
    fix: `Move ${d.name} into ${[...allowed].map((c) => CONTEXT_NAMES[c] ?? c).join(" or ")}.`,
  });
  return true;
}

function checkArguments(text: string, d: NginxDirective, conf: NginxConfig): void {
  const inUpstream = d.name === "server" && d.parent?.name === "upstream";
  const [min, max] = NGINX_ARG_COUNTS.get(inUpstream ? "server@upstream" : d.name) ?? [
    0,
    Number.POSITIVE_INFINITY,
  ];
  const params = NGINX_PARAMS.get(inUpstream ? "server@upstream" : d.name);
  const badParam = params ? d.args.slice(1).find((a) => !params.test(a.value)) : undefined;
  if (d.args.length >= min && d.args.length <= max && !badParam) return;
  // An argument that starts a new line and names a directive means the ';' before it is missing.
  const runOn = d.args.find(
    (a, k) =>
      NGINX_DIRECTIVES.has(a.value) && text.slice((d.args[k - 1] ?? d).offset, a.offset).includes("\n"),
  );
  if (runOn) {
    const k = d.args.indexOf(runOn);
    const prev = d.args[k - 1];
    const end = prev ? prev.offset + prev.value.length + (prev.quoted ? 2 : 0) : d.offset + d.name.length;
    conf.errors.push({
      offset: end,
      message: `"${d.name}" runs on into "${runOn.value}": missing ";" at the end of this line`,
    });
  } else if (badParam) {
    conf.errors.push({ offset: badParam.offset, message: `invalid parameter "${badParam.value}"` });
  } else {
    conf.errors.push({ offset: d.offset, message: `invalid number of arguments in "${d.name}" directive` });
  }
}

/** Depth-first walk over every directive. */
export function* walkNginx(list: NginxDirective[]): Generator<NginxDirective> {
  const todo = [...list].reverse();
  for (let d = todo.pop(); d; d = todo.pop()) {
    yield d;
    if (d.block) for (let k = d.block.length - 1; k >= 0; k--) todo.push(d.block[k] as NginxDirective);
  }
}
