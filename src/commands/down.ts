import { Command } from "commander";
import { EXIT_OK } from "../core/errors.js";
import { listLabs, severalLabsError } from "../orchestrator/discover.js";
import { color, printResult } from "../core/output.js";
import { runCommand } from "../core/run-command.js";
import { teardown } from "../orchestrator/down.js";
import { connectRuntime } from "../runtime/connect.js";

interface DownFlags {
  all: boolean;
  purge: boolean;
  images: boolean;
  json: boolean;
}

export function downCommand(): Command {
  return new Command("down")
    .description("remove a lab's containers and network (only what sessionlab labelled); idempotent")
    .argument("[name]", "lab instance to remove (default: the only one)")
    .option("--all", "remove every sessionlab lab on this engine", false)
    .option(
      "--purge",
      "also delete the configs sessionlab rendered into the lab folder (your own files stay)",
      false,
    )
    .option("--images", "also remove sessionlab's built images (next `up` rebuilds them)", false)
    .option("--json", "print what was removed as JSON", false)
    .action(
      runCommand(
        async (ctx, name: string | undefined, flags: DownFlags) => {
          const runtime = await connectRuntime();
          if (!name && !flags.all) {
            // With no name, act on the only lab there is; with several, ask rather than remove too much.
            const labs = await listLabs(runtime);
            if (labs.length > 1) throw severalLabsError(labs, "name one, or use --all");
          }
          const res = await teardown(runtime, flags.all ? undefined : name, {
            purgeDir: flags.purge,
            images: flags.images,
          });
          if (ctx.json) {
            printResult(true, res);
            return EXIT_OK;
          }
          const out = (line: string) => process.stdout.write(line + "\n");
          if (res.containers.length || res.networks.length) {
            out(
              `${color.green("✔")} removed ${res.containers.length} containers and ${res.networks.length} network(s) of ${res.labs.join(", ")}`,
            );
          } else if (!res.removedDirs.length && !res.images.length) {
            out(`nothing to remove${name ? ` for ${name}` : ""}`);
          }
          for (const d of res.removedDirs) out(`  deleted sessionlab's files in ${d}`);
          for (const f of res.keptFiles) out(`  kept your file ${f}`);
          if (res.images.length) out(`  removed images: ${res.images.join(", ")}`);
          return EXIT_OK;
        },
        (_n, flags) => flags.json,
      ),
    );
}
