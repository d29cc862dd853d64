import { Command } from "commander";
import { EXIT_CHECK_FAILED, EXIT_OK, InterruptedError, SessionlabError } from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { parseLabName } from "./options.js";

interface BreakFlags {
  lab?: string;
  list: boolean;
  json: boolean;
}

// Exit codes: 0 the break is in place and the lab behaves as the scenario predicts (its symptom is
// seen, diff-config names the cause); 1 the break is in place but the prediction did not hold;
// 2 nothing was broken (unknown scenario, one that does not apply to this lab, no lab).
export function breakCommand(): Command {
  return new Command("break")
    .description("break the running lab's configs the way people do, and show the symptom and the cause")
    .argument("[scenario]", "what to break (see --list)")
    .option("--lab <name>", "lab instance (default: the only one)", parseLabName)
    .option("--list", "name the scenarios, and which apply to the running lab", false)
    .option("--json", "print the report as JSON", false)
    .action(
      runCommand(
        async (ctx, scenario: string | undefined, flags: BreakFlags) => {
          const [{ printResult }, { createProgress }, breaks, fmt] = await Promise.all([
            import("../core/output.js"),
            import("../core/progress.js"),
            import("../breaks/index.js"),
            import("../breaks/format.js"),
          ]);
          const list = flags.list || !scenario ? await breaks.listBreaks({ lab: flags.lab }) : undefined;
          if (flags.list) {
            if (ctx.json) printResult(true, list);
            else process.stdout.write(fmt.formatBreakList(list!));
            return EXIT_OK;
          }
          if (!scenario) {
            const valid = list!.breaks.filter((b) => b.applies !== false);
            // On a terminal the missing scenario is asked for, each with its summary.
            const { interactive } = await import("./choose-lab.js");
            if (!interactive(ctx.json) || !valid.length)
              throw new SessionlabError(
                "name the scenario to break",
                `${list!.lab ? `for lab ${list!.lab} ` : ""}choose one of: ${valid.map((b) => b.name).join(", ")} (see \`sessionlab break --list\`)`,
              );
            const p = await import("@clack/prompts");
            const picked = await p.select({
              message: `How do you want to break ${list!.lab ?? "the lab"}?`,
              options: valid.map((b) => ({ value: b.name, label: b.name, hint: b.summary })),
            });
            if (p.isCancel(picked) || typeof picked !== "string") throw new InterruptedError();
            scenario = picked;
          }
          const report = await breaks.applyBreak({
            scenario,
            lab: flags.lab,
            signal: ctx.signal,
            progress: createProgress({ quiet: ctx.json }),
          });
          if (ctx.json) printResult(report.ok, report);
          else process.stdout.write(fmt.formatBreakReport(report));
          return report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
        },
        (_s, flags) => flags.json,
      ),
    );
}
