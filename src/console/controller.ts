/**
 * The console's behaviour without the screen: the live client's loop, the engine poll, and what each
 * key does. It holds a ConsoleState and tells subscribers when it changes (the ink app re-renders);
 * the work itself is in actions.ts, over the same modules the commands use.
 */
import { isSessionlabError } from "../core/errors.js";
import type { DrillName } from "../labs/lab-names.js";
import { nodeOf, roleOf } from "../orchestrator/discover.js";
import type { Runtime } from "../runtime/runtime.js";
import type { Observation } from "../verify/page.js";
import {
  type ActionResult,
  BREAK_FIX_UNAVAILABLE,
  type BreakFix,
  type BreakFixProgress,
  drillOptions,
  readLog,
  runDiffConfig,
  runDrill,
  runVerify,
  takeDown,
  toggleNode,
} from "./actions.js";
import {
  type ConsoleState,
  type ContainerView,
  DEFAULT_INTERVAL_MS,
  type Overlay,
  type PickOption,
  type PickPurpose,
  type RequestRow,
  appendRow,
  rowOf,
  stepInterval,
  textRows,
  stateWord,
  tomcatForKey,
  wrappedLines,
} from "./model.js";

/** The keys the console reads (ink's Key, as far as it is used). */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

export interface LiveClient {
  get(): Promise<Observation>;
  /** drops the session cookie: the next request starts a new session */
  newSession(): void;
}

export type ConsoleOutcome = "kept" | "down" | "interrupted";

export interface ControllerDeps {
  runtime: Runtime;
  client: LiveClient;
  lab: ConsoleState["lab"];
  breakFix?: BreakFix;
  pollMs?: number;
}

export class ConsoleController {
  private state: ConsoleState;
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers = new Map<"request" | "poll", NodeJS.Timeout>();
  private prev?: RequestRow;
  private n = 0;
  private closed = false;
  private view = { columns: 80, rows: 24 };
  outcome?: ConsoleOutcome;
  /** set by the app: leaves the screen */
  onExit: () => void = () => {};

  constructor(private readonly deps: ControllerDeps) {
    this.state = {
      lab: deps.lab,
      containers: [],
      rows: [],
      intervalMs: DEFAULT_INTERVAL_MS,
      paused: false,
    };
  }

  getState = (): ConsoleState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ConsoleState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  start(): void {
    void this.request();
    void this.poll();
  }

  /** the screen's size, so scrolling a text stops at its end */
  resize(columns: number, rows: number): void {
    this.view = { columns, rows };
  }

  /** Stops the loops; waits for actions under way (a drill puts the lab back before it returns). */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.abort.abort();
    await Promise.allSettled([...this.pending]);
  }

  get busyWith(): number {
    return this.pending.size;
  }

  private later(which: "request" | "poll", fn: () => void, ms: number): void {
    if (!this.closed) this.timers.set(which, setTimeout(fn, ms));
  }

  /** one request through nginx, then the next after the interval */
  private async request(): Promise<void> {
    if (this.closed) return;
    const started = performance.now();
    if (!this.state.paused) {
      const obs = await this.deps.client.get();
      if (this.closed) return;
      const row = rowOf(obs, ++this.n, this.prev);
      if (row.outcome !== "error") this.prev = row;
      this.set({ rows: appendRow(this.state.rows, row) });
    }
    this.later(
      "request",
      () => void this.request(),
      Math.max(0, this.state.intervalMs - (performance.now() - started)),
    );
  }

  /** the lab's containers and their states, every second */
  private async poll(): Promise<void> {
    if (this.closed) return;
    try {
      const found = await this.deps.runtime.listContainers(this.deps.lab.instance);
      const order = (r: string) => ["nginx", "tomcat", "store"].indexOf(r);
      const now: ContainerView[] = found
        .map((c) => ({ node: nodeOf(c), role: roleOf(c), name: c.name, state: c.state }))
        .sort(
          (a, b) => order(a.role) - order(b.role) || a.node.localeCompare(b.node, "en", { numeric: true }),
        );
      const pending = new Map(this.state.containers.filter((c) => c.pending).map((c) => [c.node, c.pending]));
      const gone = this.state.containers
        .filter((c) => !now.some((x) => x.node === c.node))
        .map((c) => ({ ...c, state: "gone", pending: undefined }));
      this.set({ containers: [...now.map((c) => ({ ...c, pending: pending.get(c.node) })), ...gone] });
    } catch (e) {
      this.set({ message: `cannot read the lab's containers: ${(e as Error).message}` });
    }
    this.later("poll", () => void this.poll(), this.deps.pollMs ?? 1000);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p)).catch(() => {});
    return p;
  }

  private errorText(e: unknown): string {
    const msg = e instanceof Error ? e.message : String(e);
    return isSessionlabError(e) && e.hint ? `error: ${msg} (fix: ${e.hint})` : `error: ${msg}`;
  }

  /** A long action (verify, drill, diff-config, break, fix, down): one at a time, shown on the status line. */
  private run(busy: string, work: (signal: AbortSignal) => Promise<ActionResult | void>): void {
    if (this.state.busy) {
      this.set({ message: `wait: ${this.state.busy}` });
      return;
    }
    this.set({ busy, message: undefined });
    void this.track(
      work(this.abort.signal).then(
        (r) => {
          if (this.closed) return;
          this.set({
            busy: undefined,
            ...(r ? { overlay: this.textOverlay(r), last: r.last ?? this.state.last } : {}),
          });
        },
        (e: unknown) => {
          if (!this.closed) this.set({ busy: undefined, message: this.errorText(e) });
        },
      ),
    );
  }

  /** stop or start one node; the header shows `stopping…` / `starting…` until the engine agrees */
  private toggle(c: ContainerView): void {
    if (c.pending) {
      this.set({ message: `${c.node} is already ${c.pending}` });
      return;
    }
    const pending = c.state === "running" ? "stopping" : "starting";
    const mark = (p: ContainerView["pending"]) =>
      this.set({
        containers: this.state.containers.map((x) => (x.node === c.node ? { ...x, pending: p } : x)),
      });
    mark(pending);
    this.set({ message: `${pending} ${c.node}…` });
    void this.track(
      toggleNode(this.deps.runtime, this.deps.lab.instance, c.node).then(
        (done) => {
          mark(undefined);
          this.set({ message: `${c.node} ${done}` });
          void this.refresh();
        },
        (e: unknown) => {
          mark(undefined);
          this.set({ message: this.errorText(e) });
        },
      ),
    );
  }

  private async refresh(): Promise<void> {
    const found = await this.deps.runtime.listContainers(this.deps.lab.instance).catch(() => undefined);
    if (!found || this.closed) return;
    const states = new Map(found.map((c) => [nodeOf(c), c.state]));
    this.set({
      containers: this.state.containers.map((c) => ({ ...c, state: states.get(c.node) ?? c.state })),
    });
  }

  private pick(title: string, purpose: PickPurpose, options: PickOption[]): void {
    this.set({ overlay: { kind: "pick", title, purpose, options, selected: 0 } });
  }

  private picked(purpose: PickPurpose, value: string): void {
    const { runtime, lab } = this.deps;
    this.set({ overlay: undefined });
    if (purpose === "store") {
      const c = this.state.containers.find((x) => x.node === value);
      if (c) this.toggle(c);
    } else if (purpose === "log") {
      this.run(`reading the log of ${value}…`, () => readLog(runtime, lab.instance, value));
    } else if (purpose === "drill") {
      this.run(`drill ${value}…`, (signal) =>
        runDrill(lab.instance, value as DrillName, signal, (text) => this.set({ busy: text })),
      );
    } else if (purpose === "break" && this.deps.breakFix) {
      const bf = this.deps.breakFix;
      this.run(`break ${value}…`, (signal) =>
        bf.apply(lab.instance, value, signal, this.breakFixProgress(`break ${value}`)),
      );
    }
  }

  /**
   * While break or fix runs: its step on the status line, and the nodes it restarts marked
   * `restarting…` in the header until it has them back (running or not: the engine says which).
   */
  private breakFixProgress(what: string): BreakFixProgress {
    return {
      step: (text) => {
        if (!this.closed) this.set({ busy: text.startsWith(what) ? text : `${what}: ${text}` });
      },
      restarting: (nodes) => {
        if (this.closed) return;
        this.set({
          containers: this.state.containers.map((c) =>
            nodes.includes(c.node)
              ? { ...c, pending: "restarting" }
              : c.pending === "restarting"
                ? { ...c, pending: undefined }
                : c,
          ),
        });
        if (!nodes.length) void this.refresh();
      },
    };
  }

  /** `b`: the scenarios that apply to this lab, once every node runs (a break starts from a whole lab). */
  private offerBreaks(breakFix: BreakFix): void {
    if (this.state.busy) return this.set({ message: `wait: ${this.state.busy}` });
    const down = this.state.containers.filter((c) => c.pending || c.state !== "running");
    if (down.length) {
      const names = down.map((c) => `${c.node} ${stateWord(c).word}`).join(", ");
      return this.set({
        message: `break starts from a running lab: ${names} (start it, or f fixes the lab)`,
      });
    }
    this.set({ message: "break: which scenarios apply to this lab…" });
    void breakFix.scenarios(this.deps.lab.instance).then(
      (o) => {
        if (!o.length)
          return this.set({ message: `no break scenario applies to lab ${this.deps.lab.instance}` });
        this.set({ message: undefined });
        this.pick("Break the lab how?", "break", o);
      },
      (e: unknown) => this.set({ message: this.errorText(e) }),
    );
  }

  /** Ctrl-C, or SIGINT/SIGTERM: leave at once, asking nothing; the lab stays as it is. */
  interrupt(): void {
    if (this.outcome) return;
    this.outcome = "interrupted";
    this.onExit();
  }

  key(input: string, key: KeyPress): void {
    if (key.ctrl && input === "c") return this.interrupt();
    // Keys typed faster than the screen reads them arrive together: "xq" is x, then q; and Esc
    // followed at once by a key arrives as that key with meta: Esc, then the key.
    if (input.length > 1 && !key.ctrl) {
      for (const ch of input) this.key(ch, {});
      return;
    }
    if (key.meta && input && !key.escape) {
      this.key("", { escape: true });
      return this.key(input, {});
    }
    const o = this.state.overlay;
    if (!o) return this.liveKey(input, key);
    if (o.kind === "help") return this.set({ overlay: undefined });
    if (o.kind === "quit") return this.quitKey(input, key);
    if (o.kind === "pick") {
      if (key.escape || input === "q") return this.set({ overlay: undefined });
      if (key.return) return this.picked(o.purpose, o.options[o.selected]!.value);
      const move = key.upArrow || input === "k" ? -1 : key.downArrow || input === "j" ? 1 : 0;
      const selected = (o.selected + move + o.options.length) % o.options.length;
      return this.set({ overlay: { ...o, selected } });
    }
    // a report or log to read
    if (key.escape || key.return || input === "q") return this.set({ overlay: undefined });
    const page = textRows(this.state, this.view.columns, this.view.rows);
    const delta =
      key.upArrow || input === "k"
        ? -1
        : key.downArrow || input === "j"
          ? 1
          : key.pageUp
            ? -page
            : key.pageDown || input === " "
              ? page
              : 0;
    const max = Math.max(0, wrappedLines(o.lines, this.view.columns).length - page);
    this.set({ overlay: { ...o, scroll: Math.min(max, Math.max(0, o.scroll + delta)) } });
  }

  private quitKey(input: string, key: KeyPress): void {
    if (key.escape) return this.set({ overlay: undefined });
    if (input === "k") {
      this.outcome = "kept";
      return this.onExit();
    }
    if (input === "d") {
      this.set({ overlay: undefined });
      this.run(`taking lab ${this.deps.lab.instance} down…`, async () => {
        await takeDown(this.deps.runtime, this.deps.lab.instance);
        this.outcome = "down";
        this.onExit();
      });
    }
  }

  private liveKey(input: string, _key: KeyPress): void {
    const { lab, breakFix } = this.deps;
    const s = this.state;
    if (/^[1-9]$/.test(input)) {
      const c = tomcatForKey(s.containers, Number(input));
      if (c) this.toggle(c);
      else this.set({ message: `no tomcat${input} in this lab` });
      return;
    }
    switch (input) {
      case "s": {
        const stores = s.containers.filter((c) => c.role === "store");
        if (stores.length === 0) this.set({ message: "this lab has no session store" });
        else if (stores.length === 1) this.toggle(stores[0]!);
        else this.pick("Stop or start which store node?", "store", stores.map(containerOption));
        return;
      }
      case "n":
        this.deps.client.newSession();
        this.prev = undefined;
        return this.set({ message: "cookie dropped: the next request starts a new session" });
      case "v":
        return this.run("verify: 20 requests, then 8 parallel clients…", (signal) =>
          runVerify(lab.instance, signal),
        );
      case "d":
        return void drillOptions().then((o) => this.pick("Which drill?", "drill", o));
      case "b":
        if (!breakFix) return this.set({ message: BREAK_FIX_UNAVAILABLE });
        return this.offerBreaks(breakFix);
      case "f":
        if (!breakFix) return this.set({ message: BREAK_FIX_UNAVAILABLE });
        return this.run("fix: restoring the lab's known-good files…", (signal) =>
          breakFix.fix(lab.instance, signal, this.breakFixProgress("fix")),
        );
      case "c":
        return this.run("diff-config: checking the lab's configs…", () => runDiffConfig(lab.dir));
      case "l":
        return this.pick("Whose log?", "log", s.containers.map(containerOption));
      case "+":
      case "=":
        return this.set({ intervalMs: stepInterval(s.intervalMs, -1) });
      case "-":
        return this.set({ intervalMs: stepInterval(s.intervalMs, 1) });
      case "p":
      case " ":
        return this.set({ paused: !s.paused });
      case "?":
      case "h":
        return this.set({ overlay: { kind: "help" } });
      case "q":
        return this.set({ overlay: { kind: "quit" } });
    }
  }

  private textOverlay(r: ActionResult): Overlay {
    const page = textRows(this.state, this.view.columns, this.view.rows);
    return {
      kind: "text",
      title: r.title,
      lines: r.lines,
      scroll: r.fromEnd ? Math.max(0, r.lines.length - page) : 0,
    };
  }
}

function containerOption(c: ContainerView): PickOption {
  return { value: c.node, label: c.node, hint: `${c.role}, ${c.state === "exited" ? "stopped" : c.state}` };
}
