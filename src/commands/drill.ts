import { Command } from "commander";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { DRILLS } from "../labs/lab-names.js";
import { count, parseLabName, parseSeconds } from "./options.js";

interface DrillFlags {
  lab?: string;
  clients: number;
  window: number;
  list: boolean;
  strict: boolean;
  junit?: string;
  verbose: boolean;
  json: boolean;
}

export function drillCommand(): Command {
  return new Command("drill")
    .description(
      "inject faults into a running lab while clients keep their sessions, and report what they lost",
    )
    .argument("[scenario...]", `drills to run (default: all that apply): ${DRILLS.join(", ")}`)
    .option("--lab <name>", "lab instance (default: the only one)", parseLabName)
    .option(
      "--clients <n>",
      "clients, each with its own session (concurrency: parallel requests) (1-50)",
      count(1, 50),
      8,
    )
    .option("--window <seconds>", "how long clients run with the fault in place, and after", parseSeconds, 3)
    .option("--list", "name the drills, one line each", false)
    .option("--strict", "exit 1 on any loss, also one the lab promises", false)
    .option("--junit <file>", "also write JUnit XML, one test case per drill")
    .option("--verbose", "show each drill's timeline", false)
    .option("--json", "print the report as JSON", false)
    .action(
      runCommand(
        async (ctx, scenarios: string[], flags: DrillFlags) => {
          const [{ printResult }, { createProgress }, { drill, drillSummary, parseDrillNames }, fmt] =
            await Promise.all([
              import("../core/output.js"),
              import("../core/progress.js"),
              import("../drill/run.js"),
              import("../drill/format.js"),
            ]);
          if (flags.list) {
            const rows = DRILLS.map((d) => ({ drill: d, summary: drillSummary(d) }));
            if (ctx.json) printResult(true, rows);
            else for (const r of rows) process.stdout.write(`${r.drill.padEnd(14)} ${r.summary}\n`);
            return EXIT_OK;
          }
          parseDrillNames(scenarios);
          const report = await drill({
            lab: flags.lab,
            scenarios,
            clients: flags.clients,
            windowMs: flags.window * 1000,
            strict: flags.strict,
            signal: ctx.signal,
            progress: createProgress({ quiet: ctx.json }),
          });
          if (flags.junit) {
            const { writeFile } = await import("node:fs/promises");
            await writeFile(flags.junit, fmt.formatJunit(report));
          }
          if (ctx.json) printResult(report.ok, report);
          else process.stdout.write(fmt.formatDrillReport(report, flags.verbose));
          return report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
        },
        (_s, flags) => flags.json,
      ),
    );
}
