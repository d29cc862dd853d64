import type { Command } from "commander";
import { diffConfigCommand } from "./diff-config.js";

/** Every subcommand, each a thin file over the runtime, lab and check layers. */
export const commands: Array<() => Command> = [diffConfigCommand];
