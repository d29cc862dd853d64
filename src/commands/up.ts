import { Command, Option } from "commander";
import { EXIT_OK } from "../core/errors.js";
import { color, createProgress, printResult } from "../core/output.js";
import { runCommand } from "../core/run-command.js";
import { listLabNamesSync } from "../labs/definition.js";
import { type LabFlags, addLabOptions, labOptionsOf } from "./lab-options.js";
import { up } from "../orchestrator/up.js";
import { parsePort, parseSeconds, portOrDefault } from "./options.js";

interface UpFlags extends LabFlags {
  name?: string;
  port?: number;
  dir?: string;
  keep: boolean;
  check: boolean;
  jars?: string;
  baseImage?: string;
  resetConfig: boolean;
  timeout: number;
  json: boolean;
}

export function upCommand(): Command {
  const cmd = new Command("up")
    .description("build and start a lab (nginx + Tomcats + store) and wait until it serves")
    .argument(
      "<lab>",
      `lab to start: ${listLabNamesSync().join(", ")}, or the folder of your own lab (see \`sessionlab init\`)`,
    );
  return addLabOptions(cmd)
    .option("--name <name>", "name of this lab instance (default: the lab's name)")
    .option(
      "-p, --port <port>",
      "port on 127.0.0.1 where nginx listens (default 8080, env SESSIONLAB_PORT)",
      parsePort,
    )
    .option("--dir <dir>", "lab folder for the rendered configs (default: ./sessionlab-<name>)")
    .option("--jars <dir>", "use the .jar files in this folder instead of downloading the lab's jars")
    .addOption(new Option("--base-image <ref>", "Debian bookworm base image").env("SESSIONLAB_BASE_IMAGE"))
    .option("--reset-config", "replace edited configs in the lab folder (keeps .bak copies)", false)
    .option("--keep", "on failure, leave the containers for inspection", false)
    .option(
      "--no-check",
      "start even when diff-config finds errors in the lab's configs (to watch a broken config fail for real)",
    )
    .option("--timeout <seconds>", "how long to wait for readiness", parseSeconds, 120)
    .option("--json", "print the result as JSON", false)
    .action(
      runCommand(
        async (ctx, lab: string, flags: UpFlags) => {
          const progress = createProgress({ quiet: false });
          const res = await up({
            lab,
            ...labOptionsOf(flags),
            name: flags.name,
            port: portOrDefault(flags.port),
            dir: flags.dir,
            keep: flags.keep,
            lintConfigs: flags.check ? undefined : async () => undefined,
            jarsDir: flags.jars,
            baseImage: flags.baseImage,
            resetConfig: flags.resetConfig,
            timeoutMs: flags.timeout * 1000,
            signal: ctx.signal,
            progress,
          });
          if (ctx.json) {
            printResult(true, res);
            return EXIT_OK;
          }
          const verb = res.alreadyRunning ? "is already running" : "is up";
          process.stdout.write(
            `${color.green("✔")} lab ${color.bold(res.instance)} (${res.variant}) ${verb} in ${res.seconds.toFixed(1)}s: ${color.cyan(res.url + "/")}\n` +
              `  configs: ${res.dir}\n` +
              `  next:    sessionlab verify   ·   sessionlab status   ·   sessionlab logs tomcat1   ·   sessionlab down\n`,
          );
          return EXIT_OK;
        },
        (_lab, flags) => flags.json,
      ),
    );
}
