import { Command } from "commander";
import { EXIT_OK } from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { listLabNamesSync } from "../labs/lab-names.js";
import { type LabFlags, addLabOptions, labOptionsOf } from "./lab-options.js";

interface InitFlags extends LabFlags {
  json: boolean;
}

export function initCommand(): Command {
  const cmd = new Command("init")
    .description(
      "write a lab folder you can edit (topology, templates, every config), then run it with `up DIR`",
    )
    .argument(
      "[lab]",
      `lab to start from: ${listLabNamesSync().join(", ")} (asked on a terminal when left out)`,
    )
    .argument("[dir]", "folder to write (new or empty; default ./sessionlab-<lab>-lab)");
  return addLabOptions(cmd)
    .option("--json", "print the result as JSON", false)
    .action(
      runCommand(
        async (ctx, given: string | undefined, dir: string | undefined, flags: InitFlags) => {
          // Loaded when the command runs, so --help and other commands start fast.
          const [{ color, printResult }, { createProgress }, { initLab }, { checkWritableDir }] =
            await Promise.all([
              import("../core/output.js"),
              import("../core/progress.js"),
              import("../orchestrator/init.js"),
              import("../core/dirs.js"),
            ]);
          // Before anything is downloaded: a folder that cannot be written fails now.
          if (dir) await checkWritableDir(dir, "lab folder", "name a folder you can write to");
          const { chooseLab } = await import("./choose-lab.js");
          const chosen = await chooseLab(given, { ...flags, json: ctx.json }, "copy");
          const res = await initLab({
            dir,
            ...labOptionsOf(flags),
            ...chosen,
            signal: ctx.signal,
            progress: createProgress({ quiet: ctx.json }),
          });
          if (ctx.json) {
            printResult(true, res);
            return EXIT_OK;
          }
          process.stdout.write(
            `${color.green("✔")} lab folder ${color.bold(res.dir)} (${res.variant}), ${res.files.length} files\n` +
              `  edit:  lab.json (nodes, Tomcats), ${res.files
                .filter((f) => f.includes("context"))
                .slice(0, 2)
                .join(", ")}, …\n` +
              `  run:   sessionlab up ${res.dir}   (your edits are kept; --jars DIR for your own jars)\n` +
              `  check: sessionlab diff-config ${res.dir}\n`,
          );
          return EXIT_OK;
        },
        (_lab, _dir, flags) => flags.json,
      ),
    );
}
