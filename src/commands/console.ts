import { Command } from "commander";
import { SessionlabError } from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { listLabNamesSync } from "../labs/lab-names.js";
import { interactive } from "./choose-lab.js";
import { type LabFlags, addLabOptions } from "./lab-options.js";
import { parsePort, portOrDefault } from "./options.js";

interface ConsoleFlags extends LabFlags {
  port?: number;
  interactive: boolean;
}

/** `sessionlab console [LAB]`, also what `sessionlab` alone opens on a terminal. */
export function consoleCommand(): Command {
  const cmd = new Command("console")
    .description(
      "full-screen console on a terminal: watch one session live, stop and start nodes, verify, drill, diff-config",
    )
    .argument(
      "[lab]",
      `a running lab to watch, or a lab to start (${listLabNamesSync().join(", ")}, or a folder); asked for when none runs`,
    );
  return addLabOptions(cmd)
    .option(
      "-p, --port <port>",
      "port on 127.0.0.1 for a lab it starts (default 8080, env SESSIONLAB_PORT)",
      parsePort,
    )
    .option("--no-interactive", "refuse to open (the console needs a terminal)")
    .action(
      runCommand(async (ctx, lab: string | undefined, flags: ConsoleFlags) => {
        if (!flags.interactive || !interactive(false))
          throw new SessionlabError(
            "the console needs a terminal",
            "run it in a terminal, or use the commands: sessionlab up, verify, drill, status, logs, down",
          );
        // ink and React are loaded only now, so every other command starts as fast as before.
        const { openConsole } = await import("../console/open.js");
        return openConsole({ ...flags, lab, port: portOrDefault(flags.port), signal: ctx.signal });
      }),
    );
}
