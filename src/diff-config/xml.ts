/**
 * XML in two passes: saxes decides well-formedness (first fatal error, like Xerces), and a lenient
 * scanner builds the element tree with exact attribute positions even when the file is broken,
 * so meaning rules still run on a file whose quotes came from a word processor.
 */
import { SaxesParser } from "saxes";
import { inRanges } from "./ranges.js";

export interface XmlAttribute {
  name: string;
  value: string;
  nameOffset: number;
  /** Offset of the first character inside the quotes. */
  valueOffset: number;
}

export interface XmlElement {
  name: string;
  offset: number;
  attributes: XmlAttribute[];
  children: XmlElement[];
  parent?: XmlElement;
  /** Where the content after the start tag begins, and the text of an element without children. */
  contentOffset?: number;
  text?: string;
}

export interface XmlDocument {
  /** Top-level elements; a well-formed file has exactly one. */
  roots: XmlElement[];
  elements: XmlElement[];
  comments: Array<[number, number]>;
  /** Ranges inside start tags (between `<` and `>`), where a stray character breaks parsing. */
  tags: Array<[number, number]>;
  /** The first well-formedness error, as a conforming parser would stop on it. */
  error?: { line: number; column: number; message: string };
  /** Set when the file is several Context children without their <Context> (a README snippet). */
  fragment?: { wrapper: "Context"; roots: string[] };
}

/** Elements Tomcat accepts directly inside <Context>: a snippet of only these is a Context fragment. */
export const CONTEXT_CHILDREN = new Set([
  "Manager",
  "Valve",
  "Loader",
  "Realm",
  "Resources",
  "ResourceLink",
  "Resource",
  "Environment",
  "Parameter",
  "WatchedResource",
  "WrapperLifecycle",
  "WrapperListener",
  "InstanceListener",
  "Listener",
  "JarScanner",
  "CookieProcessor",
  "SessionIdGenerator",
]);

const WRAP_OPEN = "<Context>";

/** Line and column of an offset (1-based), counting LF and lone CR as line ends. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at + Math.max(0, column - 1);
}

/**
 * Reads several top-level Context children as if inside <Context>: the roots get a synthetic Context
 * parent (not in `elements`, since it is not in the text), and well-formedness is judged on the
 * wrapped text, with positions mapped back to the file.
 */
function readAsContextFragment(text: string, doc: XmlDocument): void {
  if (doc.roots.length < 2 || !doc.roots.every((r) => CONTEXT_CHILDREN.has(r.name))) return;
  const wrapper: XmlElement = {
    name: "Context",
    offset: doc.roots[0]?.offset ?? 0,
    attributes: [],
    children: [],
  };
  for (const root of doc.roots) {
    root.parent = wrapper;
    wrapper.children.push(root);
  }
  doc.fragment = { wrapper: "Context", roots: doc.roots.map((r) => r.name) };
  doc.roots = [wrapper];
  // The wrapper goes after the XML declaration, if any, which must stay first.
  const at = /^\s*<\?xml[^>]*\?>/.exec(text)?.[0].length ?? 0;
  const wrapped = `${text.slice(0, at)}${WRAP_OPEN}${text.slice(at)}</Context>`;
  const error = firstWellFormednessError(wrapped);
  if (!error) {
    doc.error = undefined;
    return;
  }
  let offset = offsetOf(wrapped, error.line, error.column);
  if (offset >= at + WRAP_OPEN.length) offset -= WRAP_OPEN.length;
  else if (offset > at) offset = at;
  doc.error = { ...positionOf(text, Math.min(offset, text.length)), message: error.message };
}

export function attr(el: XmlElement, name: string): XmlAttribute | undefined {
  return el.attributes.find((a) => a.name === name);
}

/**
 * saxes reports an error found at a line break as column 0 of the next line; Xerces (and an editor)
 * put it after the last character of the line it ends.
 */
function atLineEnd(text: string, line: number, column: number): { line: number; column: number } {
  if (column > 0 || line <= 1) return { line, column };
  let start = 0;
  for (let l = 1; l < line - 1; l++) start = text.indexOf("\n", start) + 1;
  const end = text.indexOf("\n", start);
  return { line: line - 1, column: (end < 0 ? text.length : end) - start + 1 };
}

export function firstWellFormednessError(text: string): XmlDocument["error"] {
  const parser = new SaxesParser({ position: true });
  let error: XmlDocument["error"];
  // Where the last piece of markup ended, to find the start of stray text after it.
  let lastMarkupEnd = 0;
  const markupEnded = () => {
    if (!error) lastMarkupEnd = parser.position;
  };
  for (const event of [
    "xmldecl",
    "processinginstruction",
    "comment",
    "doctype",
    "opentag",
    "closetag",
    "cdata",
  ] as const) {
    parser.on(event, markupEnded);
  }
  parser.on("error", (e) => {
    // saxes prefixes "line:column: "; keep only the message, the position is reported separately.
    error ??= {
      ...atLineEnd(text, parser.line, parser.column),
      message: e.message.replace(/^\d+:\d+: /, ""),
    };
  });
  try {
    parser.write(text).close();
  } catch (e) {
    error ??= { line: parser.line, column: parser.column, message: (e as Error).message };
  }
  if (error && /outside of root node/.test(error.message))
    error = { ...error, ...strayTextStart(text, lastMarkupEnd) };
  // A bad end tag is reported, as by Xerces, at the start of its name rather than where saxes gave up.
  if (error && /clos(e|ing) tag/.test(error.message)) error = { ...error, ...endTagName(text, error) };
  // Errors found at the end of input are reported, as by Xerces, where the input ends; inside an
  // unclosed comment Xerces stops before the final line break.
  if (error && /^unclosed|must contain a root element/.test(error.message)) {
    const inComment = text.lastIndexOf("<!--") > text.lastIndexOf("-->");
    error = {
      ...error,
      ...(inComment ? positionOf(text, text.trimEnd().length) : strayTextStart(text, text.length)),
    };
  }
  // "<!" not followed by "--", "[CDATA[" or a declaration: Xerces stops at the character after "<!".
  if (error && /^incorrect syntax/.test(error.message)) {
    const bang = text.lastIndexOf("<!", offsetOf(text, error.line, error.column));
    if (bang >= 0) error = { ...error, ...positionOf(text, bang + 2) };
  }
  return error;
}

function endTagName(text: string, at: { line: number; column: number }): { line: number; column: number } {
  let lineStart = 0;
  for (let l = 1; l < at.line; l++) lineStart = text.indexOf("\n", lineStart) + 1;
  const tag = text.lastIndexOf("</", lineStart + Math.max(0, at.column - 1));
  if (tag < lineStart) return at;
  return { line: at.line, column: tag - lineStart + 3 };
}

/** Line and column of the first non-blank character from `from` (or of the end of the text). */
function strayTextStart(text: string, from: number): { line: number; column: number } {
  let start = from;
  while (start < text.length && /\s/.test(text[start] ?? "")) start++;
  const before = text.slice(0, start);
  return { line: before.split("\n").length, column: start - before.lastIndexOf("\n") };
}

const SPACE = /[\s\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/;
const OPEN_QUOTES: Record<string, string> = {
  '"': '"',
  "'": "'",
  "\u201c": '\u201d\u201c"',
  "\u201d": '\u201d\u201c"',
  "\u201e": '\u201d\u201c"',
  "\u2018": "\u2019\u2018'",
  "\u2019": "\u2019\u2018'",
  "\uff02": '\uff02"',
};

export function parseXml(text: string): XmlDocument {
  const doc: XmlDocument = { roots: [], elements: [], comments: [], tags: [] };
  const stack: XmlElement[] = [];
  const opaque: Array<[number, number]> = [];
  let piError: XmlDocument["error"];
  const n = text.length;
  let i = text.indexOf("<");
  while (i >= 0 && i < n) {
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      const stop = end < 0 ? n : end + 3;
      doc.comments.push([i, stop]);
      i = stop;
    } else if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i);
      const stop = end < 0 ? n : end + 3;
      opaque.push([i, stop]);
      i = stop;
    } else if (text.startsWith("<?", i) || text.startsWith("<!", i)) {
      const end = text.indexOf(">", i);
      const stop = end < 0 ? n : end + 1;
      opaque.push([i, stop]);
      if (text[i + 1] === "?") piError ??= processingInstructionError(text, i);
      i = stop;
    } else if (text.startsWith("</", i)) {
      let j = i + 2;
      while (j < n && !SPACE.test(text[j] ?? "") && text[j] !== ">") j++;
      const name = text.slice(i + 2, j);
      // Usually the innermost element closes; search further out only when it does not.
      let at = stack.length - 1;
      while (at >= 0 && stack[at]?.name !== name) at--;
      const closed = stack[at];
      if (closed && closed.children.length === 0 && closed.contentOffset !== undefined) {
        closed.text =
          text
            .slice(closed.contentOffset, i)
            .replace(/<!--[\s\S]*?-->/g, "")
            .trim() || undefined;
      }
      if (at >= 0) stack.length = at;
      const end = text.indexOf(">", j);
      i = end < 0 ? n : end + 1;
    } else {
      i = scanStartTag(text, i, doc, stack);
    }
    if (i < n) i = text.indexOf("<", i);
  }
  const skip = [...doc.comments, ...opaque].sort((a, b) => a[0] - b[0]);
  doc.error = firstWellFormednessError(text);
  readAsContextFragment(text, doc);
  doc.error = [bareAmpersand(text, skip), unknownEncoding(text), piError].reduce(earliest, doc.error);
  return doc;
}

const BARE_AMP = /&(?![A-Za-z_:][\w.:-]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)/g;

/**
 * A '&' that starts no entity reference (a URL query or regex pasted into an attribute). saxes reads
 * on to the next ';' and reports the error far away; Xerces stops right here, and so do we.
 */
function bareAmpersand(text: string, skip: Array<[number, number]>): XmlDocument["error"] {
  BARE_AMP.lastIndex = 0;
  for (let m = BARE_AMP.exec(text); m; m = BARE_AMP.exec(text)) {
    const at = m.index;
    if (inRanges(skip, at)) continue;
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    return {
      line,
      column: at - before.lastIndexOf("\n"),
      message: `"&" must start an entity reference such as &amp; (write &amp; for a literal &)`,
    };
  }
  return undefined;
}

/** `<?target?...`: Xerces requires white space between a processing instruction's target and its data. */
function processingInstructionError(text: string, start: number): XmlDocument["error"] {
  const target = /^<\?([A-Za-z_:][\w.:-]*)/.exec(text.slice(start, start + 200))?.[1];
  if (!target) return undefined;
  const after = start + 2 + target.length;
  if (text.startsWith("?>", after) || /\s/.test(text[after] ?? " ")) return undefined;
  const before = text.slice(0, after);
  return {
    line: before.split("\n").length,
    column: after - before.lastIndexOf("\n"),
    message: "white space is required between the processing instruction target and data",
  };
}

/** An encoding name in the XML declaration that no decoder knows: Xerces fails before reading any markup. */
function unknownEncoding(text: string): XmlDocument["error"] {
  const m = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text);
  if (!m?.[1]) return undefined;
  try {
    new TextDecoder(m[1]);
    return undefined;
  } catch {
    return {
      line: 1,
      column: m[0].length - m[1].length,
      message: `unsupported encoding "${m[1]}" in the XML declaration`,
    };
  }
}

function earliest(a: XmlDocument["error"], b: XmlDocument["error"]): XmlDocument["error"] {
  if (!a || !b) return a ?? b;
  return b.line < a.line || (b.line === a.line && b.column < a.column) ? b : a;
}

/** Reads one start tag at `<`, adds the element, and returns the offset after its `>`. */
function scanStartTag(text: string, start: number, doc: XmlDocument, stack: XmlElement[]): number {
  const n = text.length;
  let j = start + 1;
  while (j < n && !SPACE.test(text[j] ?? "") && text[j] !== ">" && text[j] !== "/" && text[j] !== "<") j++;
  const el: XmlElement = { name: text.slice(start + 1, j), offset: start, attributes: [], children: [] };
  let selfClosing = false;
  while (j < n) {
    const c = text[j] ?? "";
    if (SPACE.test(c)) {
      j++;
    } else if (c === ">") {
      j++;
      break;
    } else if (c === "/" && text[j + 1] === ">") {
      selfClosing = true;
      j += 2;
      break;
    } else if (c === "<") {
      break; // a tag that never closed; let the next scan start here
    } else {
      j = scanAttribute(text, j, el);
    }
  }
  doc.tags.push([start, j]);
  if (!el.name) return j;
  const parent = stack[stack.length - 1];
  if (parent) {
    el.parent = parent;
    parent.children.push(el);
  } else doc.roots.push(el);
  doc.elements.push(el);
  if (!selfClosing) {
    el.contentOffset = j;
    stack.push(el);
  }
  return j;
}

function scanAttribute(text: string, start: number, el: XmlElement): number {
  const n = text.length;
  let j = start;
  while (j < n && !SPACE.test(text[j] ?? "") && !"=>".includes(text[j] ?? "") && !text.startsWith("/>", j))
    j++;
  const name = text.slice(start, j);
  // Junk that cannot start a name (a pasted control character, a stray quote) is not an attribute.
  if (j === start || !/^[A-Za-z_:]/.test(name)) return start + 1;
  let k = j;
  while (k < n && SPACE.test(text[k] ?? "")) k++;
  if (text[k] !== "=") {
    el.attributes.push({ name, value: "", nameOffset: start, valueOffset: j });
    return j;
  }
  k++;
  while (k < n && SPACE.test(text[k] ?? "")) k++;
  const closers = OPEN_QUOTES[text[k] ?? ""];
  if (closers) {
    let m = k + 1;
    while (m < n && !closers.includes(text[m] ?? "") && text[m] !== "<") m++;
    el.attributes.push({ name, value: text.slice(k + 1, m), nameOffset: start, valueOffset: k + 1 });
    return m < n && text[m] !== "<" ? m + 1 : m;
  }
  let m = k;
  while (m < n && !SPACE.test(text[m] ?? "") && text[m] !== ">" && !text.startsWith("/>", m)) m++;
  el.attributes.push({ name, value: text.slice(k, m), nameOffset: start, valueOffset: k });
  return m;
}
