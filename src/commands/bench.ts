import { Command } from "commander";
import { EXIT_OK } from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { count, parseLabName, parseSeconds, parseSessionSizes } from "./options.js";

interface BenchFlags {
  lab?: string;
  duration: number;
  connections: number;
  sessionSize: number[];
  rounds: number;
  json: boolean;
}

export function benchCommand(): Command {
  return new Command("bench")
    .description(
      "measure what session sharing costs on a running lab: session page vs the same page without one",
    )
    .option("--lab <name>", "lab instance (default: the only one)", parseLabName)
    .option(
      "--duration <seconds>",
      "seconds of load per session size, split over alternating phases",
      parseSeconds,
      10,
    )
    .option("--connections <n>", "virtual users, each with its own session (1-256)", count(1, 256), 16)
    .option(
      "--session-size <sizes>",
      "bytes kept in the session, one run each (e.g. 1k,10k,100k; at most 1024k)",
      parseSessionSizes,
      [1024],
    )
    .option("--rounds <n>", "alternations of no-session and session phases (1-10)", count(1, 10), 2)
    .option("--json", "print the report as JSON", false)
    .action(
      runCommand(
        async (ctx, flags: BenchFlags) => {
          const [{ printResult }, { createProgress }, { bench }, { formatBenchReport }] = await Promise.all([
            import("../core/output.js"),
            import("../core/progress.js"),
            import("../bench/run.js"),
            import("../bench/format.js"),
          ]);
          const report = await bench({
            lab: flags.lab,
            durationSeconds: flags.duration,
            connections: flags.connections,
            sessionSizes: flags.sessionSize,
            rounds: flags.rounds,
            signal: ctx.signal,
            progress: createProgress({ quiet: ctx.json }),
          });
          if (ctx.json) printResult(true, report);
          else process.stdout.write(formatBenchReport(report));
          return EXIT_OK;
        },
        (flags) => flags.json,
      ),
    );
}
