import { execa } from "execa";
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { CLI } from "./harness.js";

/** Terminal tests drive the built CLI in tmux: send keys, read the screen. */
export const tmux = (await execa("tmux", ["-V"], { reject: false })).exitCode === 0;
if (!tmux && process.env.CI) throw new Error("CI needs tmux for the terminal tests (.ci/run installs it)");

/** One tmux session running `sessionlab ARGS`; its exit code is written to `done`. */
export class Terminal {
  constructor(readonly session: string) {}

  /** CI is unset in the terminal: prompts and the console only appear for a person, never in CI pipelines. */
  async start(cwd: string, args: string, done: string, size = { columns: 100, rows: 30 }): Promise<void> {
    await execa("tmux", [
      "new-session",
      "-d",
      "-s",
      this.session,
      "-x",
      String(size.columns),
      "-y",
      String(size.rows),
      `cd ${cwd} && env -u CI NO_COLOR=1 node ${CLI} ${args}; echo "exit=$?" > ${done}; sleep 60`,
    ]);
  }

  async screen(): Promise<string> {
    return (await execa("tmux", ["capture-pane", "-p", "-t", this.session])).stdout;
  }

  async keys(...k: string[]): Promise<void> {
    await execa("tmux", ["send-keys", "-t", this.session, ...k]);
  }

  /** Polls the screen until it shows `text` (or `text` returns true for it), up to `ms`. */
  async waitFor(text: string | RegExp | ((screen: string) => boolean), ms = 20_000): Promise<string> {
    const until = Date.now() + ms;
    const ok = (s: string) =>
      typeof text === "string" ? s.includes(text) : text instanceof RegExp ? text.test(s) : text(s);
    for (;;) {
      const s = await this.screen();
      if (ok(s)) return s;
      if (Date.now() > until) throw new Error(`screen never showed ${String(text)}:\n${s}`);
      await delay(100);
    }
  }

  /** The exit line the command wrote, waiting up to `ms` for it. */
  async exitLine(done: string, ms = 10_000): Promise<string> {
    const until = Date.now() + ms;
    while (!existsSync(done)) {
      if (Date.now() > until) throw new Error(`the command did not end:\n${await this.screen()}`);
      await delay(100);
    }
    return readFileSync(done, "utf8").trim();
  }

  async kill(): Promise<void> {
    await execa("tmux", ["kill-session", "-t", this.session], { reject: false });
  }
}
