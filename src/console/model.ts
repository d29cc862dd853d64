/**
 * The console's state as plain data, and the pure rules that turn what the live client and the
 * engine report into it. The screen (view.tsx) only draws this; the controller only fills it.
 */
import wrapAnsi from "wrap-ansi";
import type { Observation } from "../verify/page.js";
import { parseSessionId, suffixOf } from "../verify/session-id.js";

export type Outcome = "ok" | "new session" | "moved" | "LOST" | "counter" | "error";

/** One row of the rolling request table. */
export interface RequestRow {
  n: number;
  node?: string;
  sessionId?: string;
  counter?: number;
  outcome: Outcome;
  /** what the outcome word alone does not say: the HTTP error, the old id, the counter jump */
  detail?: string;
}

export interface ContainerView {
  node: string;
  role: string;
  name: string;
  /** the engine's state: running, exited, created, restarting, … (gone: no longer on the engine) */
  state: string;
  /** an action of the console under way on it (restarting: break or fix restarts it) */
  pending?: "stopping" | "starting" | "restarting";
}

/** A screen over the live view: help, a report or log to read, a list to pick from, the quit question. */
export type Overlay =
  | { kind: "help" }
  | { kind: "text"; title: string; lines: string[]; scroll: number }
  | { kind: "pick"; title: string; options: PickOption[]; selected: number; purpose: PickPurpose }
  | { kind: "quit" };

export interface PickOption {
  value: string;
  label: string;
  hint?: string;
}
export type PickPurpose = "drill" | "log" | "store" | "break";

export interface LastResult {
  what: string;
  ok: boolean;
  summary: string;
}

export interface ConsoleState {
  lab: { instance: string; variant: string; url: string; dir: string };
  containers: ContainerView[];
  rows: RequestRow[];
  intervalMs: number;
  paused: boolean;
  /** the last verify or drill */
  last?: LastResult;
  /** the long action under way (verify, drill, diff-config, down), shown on the status line */
  busy?: string;
  /** a one-line note for the user, e.g. what a key did or why it did nothing */
  message?: string;
  overlay?: Overlay;
}

/** rows kept for the table; the screen shows the newest that fit */
export const MAX_ROWS = 200;

/** the request intervals `+` and `-` step through */
export const INTERVALS_MS = [100, 200, 250, 500, 1000, 2000, 5000] as const;
export const DEFAULT_INTERVAL_MS = 500;

export function stepInterval(ms: number, dir: 1 | -1): number {
  const i = INTERVALS_MS.findIndex((x) => x >= ms);
  const at = i < 0 ? INTERVALS_MS.length - 1 : i;
  return INTERVALS_MS[Math.min(INTERVALS_MS.length - 1, Math.max(0, at + dir))]!;
}

/**
 * Judges one answer against the session the client held before it (`prev`: the last row of this
 * session that carried an id; none after `n`): same base id and counter +1 is ok, a new base id is a
 * lost session, the suffix (msm node, jvmRoute) may move.
 */
export function rowOf(obs: Observation, n: number, prev: RequestRow | undefined): RequestRow {
  const base = { n, node: obs.node, sessionId: obs.sessionId, counter: obs.counter };
  if (obs.error || !obs.sessionId) return { ...base, outcome: "error", detail: obs.error ?? "no session id" };
  if (!prev?.sessionId) return { ...base, outcome: "new session" };
  const was = parseSessionId(prev.sessionId);
  const now = parseSessionId(obs.sessionId);
  if (was.base !== now.base) return { ...base, outcome: "LOST", detail: `was ${shortId(prev.sessionId)}` };
  if (prev.counter !== undefined && obs.counter !== undefined && obs.counter !== prev.counter + 1)
    return { ...base, outcome: "counter", detail: `${prev.counter} → ${obs.counter}` };
  if (suffixOf(was) !== suffixOf(now))
    return { ...base, outcome: "moved", detail: `${suffixOf(was) || "-"} → ${suffixOf(now) || "-"}` };
  return { ...base, outcome: "ok" };
}

export function shortId(id: string): string {
  const p = parseSessionId(id);
  return `${p.base.slice(0, 8)}…${suffixOf(p)}`;
}

/** A session id in parts: the base names the session, the suffix (`-n1.tomcat1`) where it lives. */
export function idParts(id: string, maxBase = Infinity): { base: string; node?: string; route?: string } {
  const p = parseSessionId(id);
  const base = p.base.length > maxBase ? `${p.base.slice(0, Math.max(1, maxBase - 1))}…` : p.base;
  return {
    base,
    node: p.storeNode ? `-${p.storeNode}` : undefined,
    route: p.route ? `.${p.route}` : undefined,
  };
}

/** The word for a container's state, so the header reads without colour; `tone` picks the colour. */
export function stateWord(c: ContainerView): { word: string; tone: "good" | "bad" | "busy" } {
  if (c.pending) return { word: `${c.pending}…`, tone: "busy" };
  if (c.state === "running") return { word: "running", tone: "good" };
  if (c.state === "exited" || c.state === "dead") return { word: "stopped", tone: "bad" };
  if (c.state === "gone") return { word: "gone", tone: "bad" };
  return { word: c.state, tone: "busy" };
}

/** The Tomcat a digit key names: `1` → tomcat1, in the lab's own order. */
export function tomcatForKey(containers: ContainerView[], digit: number): ContainerView | undefined {
  return containers.filter((c) => c.role === "tomcat")[digit - 1];
}

export function appendRow(rows: RequestRow[], row: RequestRow): RequestRow[] {
  const next = [...rows, row];
  return next.length > MAX_ROWS ? next.slice(next.length - MAX_ROWS) : next;
}

/** The footer's keys: what to press, and what it does. */
export function footerKeys(state: ConsoleState): Array<[string, string]> {
  const tomcats = state.containers.filter((c) => c.role === "tomcat").length;
  return [
    [tomcats > 1 ? `1-${tomcats}` : "1", "tomcat"],
    ["s", "store"],
    ["n", "new session"],
    ["v", "verify"],
    ["d", "drill"],
    ["b", "break"],
    ["f", "fix"],
    ["c", "diff-config"],
    ["l", "log"],
    ["+/-", "speed"],
    ["p", state.paused ? "resume" : "pause"],
    ["?", "help"],
    ["q", "quit"],
  ];
}

/** Every key, for the help screen. */
export const HELP: Array<[string, string]> = [
  ["1…9", "stop that Tomcat (docker stop), or start it again and wait until it serves"],
  ["s", "stop or start the session store (pick a node when there are several)"],
  ["n", "new session: drop the cookie, the next request gets a new id"],
  ["v", "run verify on the lab and show its report"],
  ["d", "pick a drill and run it; the lab is whole again afterwards"],
  ["b / f", "break the lab's configs in a known way / fix them (restore the known-good files)"],
  ["c", "run diff-config on the lab's config files and show the findings"],
  ["l", "pick a container and read its log"],
  ["+ / -", "request more often / less often (100 ms … 5 s)"],
  ["p", "pause or resume the requests"],
  ["q", "quit: keep the lab running, or take it down"],
  ["Ctrl-C", "quit at once; the lab is left as it is"],
  ["↑ ↓ PgUp PgDn", "scroll a report; Esc closes it"],
];

export function containerLabel(c: ContainerView): string {
  const { word, tone } = stateWord(c);
  return `${c.node} ${tone === "good" ? "●" : tone === "bad" ? "○" : "◐"} ${word}`;
}

/** Items laid out left to right, `gap` apart, on lines of `width` (an item wider than a line gets its own). */
export function wrapItems<T>(items: T[], widthOf: (t: T) => number, width: number, gap = 2): T[][] {
  const lines: T[][] = [];
  let line: T[] = [];
  let x = 0;
  for (const it of items) {
    const w = widthOf(it);
    if (line.length && x + gap + w > width) {
      lines.push(line);
      line = [];
      x = 0;
    }
    x += (line.length ? gap : 0) + w;
    line.push(it);
  }
  if (line.length) lines.push(line);
  return lines;
}

export const footerWidth = ([k, d]: [string, string]): number => k.length + 1 + d.length;

/**
 * The screen from top to bottom: title, containers (wrapped), the last result, the body (request table
 * or an overlay), the status line, the footer (wrapped). Everything but the body has the lines it needs.
 */
export function layout(state: ConsoleState, columns: number, rows: number) {
  const containers = wrapItems(state.containers, (c) => containerLabel(c).length, columns);
  const footer = wrapItems(footerKeys(state), footerWidth, columns);
  const body = Math.max(1, rows - 1 - Math.max(1, containers.length) - 1 - 1 - footer.length);
  return { containers, footer, body };
}

/** the lines of a report or log the body shows at once (its title and hint line take two) */
export function textRows(state: ConsoleState, columns: number, rows: number): number {
  return Math.max(1, layout(state, columns, rows).body - 2);
}

/** A report's or log's lines as the screen shows them: long lines wrapped at the screen's width. */
export function wrappedLines(lines: string[], columns: number): string[] {
  return lines.flatMap((l) =>
    l ? wrapAnsi(l, Math.max(10, columns), { hard: true, trim: false }).split("\n") : [""],
  );
}
