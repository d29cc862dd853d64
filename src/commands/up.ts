import { Command, Option } from "commander";
import { readdir } from "node:fs/promises";
import { EXIT_OK, SessionlabError } from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { listLabNamesSync } from "../labs/lab-names.js";
import { type LabFlags, addLabOptions, labOptionsOf } from "./lab-options.js";
import { parseImageRef, parseLabName, parsePort, parseSeconds, portOrDefault } from "./options.js";

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
      "[lab]",
      `lab to start: ${listLabNamesSync().join(", ")}, or the folder of your own lab (see \`sessionlab init\`); asked on a terminal when left out`,
    );
  return addLabOptions(cmd)
    .option("--name <name>", "name of this lab instance (default: the lab's name)", parseLabName)
    .option(
      "-p, --port <port>",
      "port on 127.0.0.1 where nginx listens (default 8080, env SESSIONLAB_PORT)",
      parsePort,
    )
    .option("--dir <dir>", "lab folder for the rendered configs (default: ./sessionlab-<name>)")
    .option("--jars <dir>", "use the .jar files in this folder instead of downloading the lab's jars")
    .addOption(
      new Option("--base-image <ref>", "Debian bookworm base image")
        .env("SESSIONLAB_BASE_IMAGE")
        .argParser(parseImageRef),
    )
    .option("--reset-config", "replace edited configs in the lab folder (keeps .bak copies)", false)
    .option("--keep", "on failure, leave the containers for inspection", false)
    .option(
      "--no-check",
      "start even when diff-config finds errors in the lab's configs (to watch a broken config fail for real)",
    )
    .option("--timeout <seconds>", "how long to wait for readiness (at most 3600)", parseSeconds, 120)
    .option("--json", "print the result as JSON", false)
    .action(
      runCommand(
        async (ctx, given: string | undefined, flags: UpFlags) => {
          // Loaded when the command runs, so --help and other commands start fast.
          const [{ color, printResult }, { createProgress }, { up }, { checkWritableDir }] =
            await Promise.all([
              import("../core/output.js"),
              import("../core/progress.js"),
              import("../orchestrator/up.js"),
              import("../core/dirs.js"),
            ]);
          // Before any Docker call: a folder that cannot be used fails now, not after images are built.
          if (flags.dir)
            await checkWritableDir(flags.dir, "lab folder", "pass --dir with a folder you can write to");
          if (flags.jars) await checkJarsDir(flags.jars);
          const { chooseLab } = await import("./choose-lab.js");
          const chosen = await chooseLab(given, { ...flags, json: ctx.json }, "start");
          const progress = createProgress({ quiet: false });
          const res = await up({
            ...labOptionsOf(flags),
            ...chosen,
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

/** --jars must be a readable folder holding .jar files; checked before anything is downloaded. */
async function checkJarsDir(dir: string): Promise<void> {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    const why = e.code === "ENOENT" ? "no such folder" : e.code === "ENOTDIR" ? "not a folder" : e.message;
    throw new SessionlabError(`cannot read the --jars folder ${dir}: ${why}`, "pass a folder of .jar files");
  });
  if (!names.some((n) => n.endsWith(".jar")))
    throw new SessionlabError(`the --jars folder ${dir} holds no .jar files`, "pass a folder of .jar files");
}
