import type { Command } from "commander";
import { benchCommand } from "./bench.js";
import { breakCommand } from "./break.js";
import { consoleCommand } from "./console.js";
import { diffConfigCommand } from "./diff-config.js";
import { downCommand } from "./down.js";
import { drillCommand } from "./drill.js";
import { fixCommand } from "./fix.js";
import { initCommand } from "./init.js";
import { logsCommand } from "./logs.js";
import { statusCommand } from "./status.js";
import { upCommand } from "./up.js";
import { verifyCommand } from "./verify.js";

/** Every subcommand, each a thin file over the runtime, lab and check layers. */
export const commands: Array<() => Command> = [
  upCommand,
  initCommand,
  verifyCommand,
  drillCommand,
  breakCommand,
  fixCommand,
  benchCommand,
  statusCommand,
  logsCommand,
  downCommand,
  diffConfigCommand,
  consoleCommand,
];
