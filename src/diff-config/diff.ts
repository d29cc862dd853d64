/**
 * Layer 4: compares a file with a known-good one after normalising away what does not matter
 * (attribute order, indentation, comments, quoting), so only missing, extra and changed
 * elements, attributes and directives remain. Invisible characters are shown by name.
 */
// The subpath loads 2 of the package's 20 modules; the CLI pays for each one at start-up.
import { diffArrays } from "diff/lib/diff/array.js";
import { visible } from "./characters.js";
import { walkNginx, type NginxDirective } from "./nginx.js";
import type { XmlElement } from "./xml.js";
import type { DiffLine, LoadedFile } from "./types.js";

const MAX_LINES = 20_000;
const CONTEXT = 2;

function xmlLines(roots: XmlElement[]): string[] {
  const out: string[] = [];
  const todo: Array<[XmlElement, number]> = roots.map((r) => [r, 0] as [XmlElement, number]).reverse();
  for (let item = todo.pop(); item; item = todo.pop()) {
    const [el, depth] = item;
    const pad = "  ".repeat(depth);
    out.push(`${pad}<${el.name}>${el.text ? ` ${el.text.replace(/\s+/g, " ")}` : ""}`);
    for (const a of [...el.attributes].sort((x, y) => x.name.localeCompare(y.name)))
      out.push(`${pad}    ${a.name}="${a.value}"`);
    for (let k = el.children.length - 1; k >= 0; k--) todo.push([el.children[k] as XmlElement, depth + 1]);
  }
  return out;
}

function nginxLines(list: NginxDirective[]): string[] {
  const out: string[] = [];
  const depths = new Map<NginxDirective | undefined, number>([[undefined, -1]]);
  for (const d of walkNginx(list)) {
    const depth = (depths.get(d.parent) ?? -1) + 1;
    if (d.block) depths.set(d, depth);
    const args = d.args.map((a) => (a.quoted ? `"${a.value}"` : a.value)).join(" ");
    out.push(`${"    ".repeat(depth)}${d.name}${args ? ` ${args}` : ""}${d.block ? " {" : ";"}`);
  }
  return out;
}

/** A file as comparable lines; redis.conf is order-free, so its lines are sorted. */
export function normalise(file: LoadedFile): string[] {
  if (file.xml) return xmlLines(file.xml.roots);
  if (file.nginx) return nginxLines(file.nginx.directives);
  if (file.redis)
    return file.redis.directives.map((d) => [d.name, ...d.args.map((a) => a.value)].join(" ")).sort();
  return file.text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Per-node and per-lab values (each Tomcat's jvmRoute and msm failoverNodes, the generated Redis password wherever it
 * appears) are parameters of a known-good config, not differences: masked before comparing.
 */
const PARAMETERS: Array<[RegExp, string]> = [
  [/^(\s*(?:jvmRoute|password|failoverNodes)=")[^"]*(")$/, "$1…$2"],
  [/^(requirepass )\S+$/, "$1…"],
  [/(rediss?:\/\/:)[^@/]*(@)/g, "$1…$2"],
  [/^(password:\s*)\S.*$/, "$1…"],
];

export function maskParameters(line: string): string {
  return PARAMETERS.reduce((l, [re, to]) => l.replace(re, to), line);
}

/** Display lines: ' ' unchanged, '-' only in the known-good file, '+' only in the user's file. */
export function diffFiles(known: LoadedFile, mine: LoadedFile): DiffLine[] {
  const a = normalise(known);
  const b = normalise(mine);
  if (a.length + b.length > MAX_LINES) return [{ op: "~", text: `(too large to diff: ${b.length} lines)` }];
  // Equal lines are shown as the user's (jsdiff takes common values from the new array).
  const changes = diffArrays(a, b, {
    maxEditLength: 5_000,
    comparator: (x, y) => x === y || maskParameters(x) === maskParameters(y),
  });
  if (!changes) return [{ op: "~", text: "(the files differ too much for a readable diff)" }];
  const all: DiffLine[] = [];
  for (const c of changes) {
    const op = c.added ? "+" : c.removed ? "-" : " ";
    for (const text of c.value) all.push({ op, text: visible(text) });
  }
  if (!all.some((l) => l.op !== " ")) return [];
  pairChangedAttributes(all);
  // Keep CONTEXT unchanged lines around each change; elide the rest.
  const keep = all.map((_, i) =>
    all.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((x) => x.op !== " "),
  );
  const out: DiffLine[] = [];
  let skipped = 0;
  all.forEach((l, i) => {
    if (keep[i]) {
      if (skipped) out.push({ op: "~", text: `… ${skipped} unchanged line${skipped > 1 ? "s" : ""}` });
      skipped = 0;
      out.push(l);
    } else skipped++;
  });
  if (skipped) out.push({ op: "~", text: `… ${skipped} unchanged line${skipped > 1 ? "s" : ""}` });
  return out;
}

const keyOf = (l: DiffLine) => /^\s*([^\s=]+)="/.exec(l.text)?.[1];

/** Puts `- sticky="false"` right above `+ sticky="true "`, so a changed attribute reads as one change. */
function pairChangedAttributes(lines: DiffLine[]): void {
  for (let i = 0; i < lines.length;) {
    let r = i;
    while (lines[r]?.op === "-") r++;
    let a = r;
    while (lines[a]?.op === "+") a++;
    if (r === i || a === r) {
      i = Math.max(a, i + 1);
      continue;
    }
    const removed = lines.slice(i, r);
    const added = lines.slice(r, a);
    const paired: DiffLine[] = [];
    for (const rm of removed) {
      paired.push(rm);
      const k = added.findIndex((ad) => keyOf(ad) !== undefined && keyOf(ad) === keyOf(rm));
      if (k >= 0) paired.push(...added.splice(k, 1));
    }
    lines.splice(i, a - i, ...paired, ...added);
    i = a;
  }
}
