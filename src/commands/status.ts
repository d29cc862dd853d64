import { Command } from "commander";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../core/errors.js";
import { color, formatTable, printResult } from "../core/output.js";
import { runCommand } from "../core/run-command.js";
import { type LabInstance, containerSummary, listLabs, resolveLab } from "../orchestrator/discover.js";
import { connectRuntime } from "../runtime/connect.js";

export function statusCommand(): Command {
  return new Command("status")
    .description("show sessionlab's labs and their containers (exit 1 if a container is not running)")
    .argument("[name]", "only this lab instance")
    .option("--json", "print as JSON", false)
    .action(
      runCommand(
        async (ctx, name: string | undefined, _flags: { json: boolean }) => {
          const runtime = await connectRuntime();
          const labs = name ? [await resolveLab(runtime, name)] : await listLabs(runtime);
          const view = labs.map(labView);
          const healthy = view.every(
            (l) => l.containers.length > 0 && l.containers.every((c) => c.state === "running"),
          );
          if (ctx.json) {
            printResult(healthy, { labs: view });
          } else if (!view.length) {
            process.stdout.write(
              "no sessionlab labs on this engine (start one with `sessionlab up memcached`)\n",
            );
          } else {
            for (const l of view) {
              if (!l.containers.length) {
                process.stdout.write(
                  `${color.bold(l.instance)}: no containers left; remove it with \`sessionlab down ${l.instance}\`\n\n`,
                );
                continue;
              }
              process.stdout.write(
                `${color.bold(l.instance)} (${l.kind})  ${color.cyan(l.url + "/")}  configs: ${l.dir}\n`,
              );
              const rows = l.containers.map((c) => [
                c.node,
                c.role,
                c.state === "running" ? color.green(c.state) : color.red(c.state),
                c.status,
                c.ports.join(", ") || "-",
                c.name,
              ]);
              process.stdout.write(
                formatTable(["NODE", "ROLE", "STATE", "STATUS", "PUBLISHED", "CONTAINER"], rows) + "\n\n",
              );
            }
          }
          return healthy ? EXIT_OK : EXIT_CHECK_FAILED;
        },
        (_n, flags: { json: boolean }) => flags.json,
      ),
    );
}

function labView(l: LabInstance) {
  return {
    instance: l.instance,
    kind: l.kind,
    url: l.url,
    dir: l.dir,
    containers: l.containers.map((c) => ({
      ...containerSummary(c),
      state: c.state,
      status: c.status,
      ports: c.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}`),
    })),
  };
}
