import { Command } from "commander";
import { EXIT_OK, SessionlabError } from "../core/errors.js";
import { color, printJson } from "../core/output.js";
import { runCommand } from "../core/run-command.js";
import { teardown } from "../orchestrator/down.js";
import { DockerRuntime } from "../runtime/docker.js";
import { LABEL_LAB } from "../runtime/labels.js";

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
          const runtime = await DockerRuntime.connect();
          if (!name && !flags.all) {
            // With no name, act on the only lab there is; with several, ask rather than remove too much.
            const labs = new Set(
              [...(await runtime.listContainers()), ...(await runtime.listNetworks())].map(
                (o) => o.labels[LABEL_LAB],
              ),
            );
            if (labs.size > 1)
              throw new SessionlabError(
                `several labs exist: ${[...labs].join(", ")}`,
                "name one, or use --all",
              );
          }
          const res = await teardown(runtime, flags.all ? undefined : name, {
            purgeDir: flags.purge,
            images: flags.images,
          });
          if (ctx.json) printJson({ ok: true, ...res });
          else if (!res.containers.length && !res.networks.length) {
            process.stdout.write(`nothing to remove${name ? ` for ${name}` : ""}\n`);
          } else {
            process.stdout.write(
              `${color.green("✔")} removed ${res.containers.length} containers and ${res.networks.length} network(s) of ${res.labs.join(", ")}\n`,
            );
            for (const d of res.removedDirs) process.stdout.write(`  deleted sessionlab's files in ${d}\n`);
            for (const f of res.keptFiles) process.stdout.write(`  kept your file ${f}\n`);
          }
          if (!ctx.json && res.images.length)
            process.stdout.write(`  removed images: ${res.images.join(", ")}\n`);
          return EXIT_OK;
        },
        (_n, flags) => flags.json,
      ),
    );
}
