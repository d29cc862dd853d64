import { Command } from "commander";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { parseLabName } from "./options.js";

interface FixFlags {
  lab?: string;
  verify: boolean;
  json: boolean;
}

export function fixCommand(): Command {
  return new Command("fix")
    .description(
      "restore the running lab's known-good configs (yours kept as .bak), restart what changed, verify",
    )
    .option("--lab <name>", "lab instance (default: the only one)", parseLabName)
    .option("--no-verify", "do not run verify afterwards")
    .option("--json", "print the report as JSON", false)
    .action(
      runCommand(
        async (ctx, flags: FixFlags) => {
          const [{ printResult }, { createProgress }, { fixLab }, { formatFixReport }] = await Promise.all([
            import("../core/output.js"),
            import("../core/progress.js"),
            import("../breaks/index.js"),
            import("../breaks/format.js"),
          ]);
          const report = await fixLab({
            lab: flags.lab,
            verify: flags.verify,
            signal: ctx.signal,
            progress: createProgress({ quiet: ctx.json }),
          });
          if (ctx.json) printResult(report.ok, report);
          else process.stdout.write(formatFixReport(report));
          return report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
        },
        (flags) => flags.json,
      ),
    );
}
