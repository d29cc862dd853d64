import { Command, Option } from "commander";
import { EXIT_OK } from "../core/errors.js";
import { color, createProgress, printResult } from "../core/output.js";
import { runCommand } from "../core/run-command.js";
import { MAX_TOMCATS, MIN_TOMCATS, listLabNamesSync } from "../labs/definition.js";
import { up } from "../orchestrator/up.js";
import { parsePort, parseSeconds, parseTomcats, portOrDefault } from "./options.js";

interface UpFlags {
  manager?: string;
  tomcat?: string;
  tomcats?: number;
  redisPassword?: string;
  readMode: "REDIS" | "MEMORY";
  updateMode: "DEFAULT" | "AFTER_REQUEST";
  name?: string;
  port?: number;
  dir?: string;
  keep: boolean;
  serializer: "java" | "kryo";
  jars?: string;
  mavenRepo?: string;
  baseImage?: string;
  resetConfig: boolean;
  timeout: number;
  json: boolean;
}

export function upCommand(): Command {
  return new Command("up")
    .description("build and start a lab (nginx + Tomcats + store) and wait until it serves")
    .argument(
      "<lab>",
      `lab to start: ${listLabNamesSync().join(", ")}, or the folder of your own lab (see \`sessionlab init\`)`,
    )
    .option("--manager <name>", "session manager: redis lab: classic (default), redisson or msm")
    .option("--tomcat <version>", "Tomcat version where the manager offers several (redisson: 9 or 10.1)")
    .option(
      "--tomcats <n>",
      `number of Tomcats behind nginx, ${MIN_TOMCATS}-${MAX_TOMCATS} (default: the lab's, 2)`,
      parseTomcats,
    )
    .option(
      "--redis-password <password>",
      "password for the lab's Redis (env SESSIONLAB_REDIS_PASSWORD; default: generated, kept in the lab folder)",
    )
    .addOption(
      new Option("--read-mode <mode>", "Redisson readMode").choices(["REDIS", "MEMORY"]).default("REDIS"),
    )
    .addOption(
      new Option("--update-mode <mode>", "Redisson updateMode")
        .choices(["DEFAULT", "AFTER_REQUEST"])
        .default("DEFAULT"),
    )
    .option("--name <name>", "name of this lab instance (default: the lab's name)")
    .option(
      "-p, --port <port>",
      "port on 127.0.0.1 where nginx listens (default 8080, env SESSIONLAB_PORT)",
      parsePort,
    )
    .option("--dir <dir>", "lab folder for the rendered configs (default: ./sessionlab-<name>)")
    .addOption(
      new Option("--serializer <kind>", "msm session serializer").choices(["java", "kryo"]).default("java"),
    )
    .option("--jars <dir>", "use the .jar files in this folder instead of downloading the lab's jars")
    .option("--maven-repo <url>", "Maven repository to download from (env SESSIONLAB_MAVEN_REPO)")
    .option("--base-image <ref>", "Debian bookworm base image (env SESSIONLAB_BASE_IMAGE)")
    .option("--reset-config", "replace edited configs in the lab folder (keeps .bak copies)", false)
    .option("--keep", "on failure, leave the containers for inspection", false)
    .option("--timeout <seconds>", "how long to wait for readiness", parseSeconds, 120)
    .option("--json", "print the result as JSON", false)
    .action(
      runCommand(
        async (ctx, lab: string, flags: UpFlags) => {
          const progress = createProgress({ quiet: false });
          const res = await up({
            lab,
            manager: flags.manager,
            tomcat: flags.tomcat,
            tomcats: flags.tomcats,
            // The env twin keeps the password out of the process list and shell history.
            redisPassword: flags.redisPassword ?? process.env.SESSIONLAB_REDIS_PASSWORD,
            readMode: flags.readMode,
            updateMode: flags.updateMode,
            name: flags.name,
            port: portOrDefault(flags.port),
            dir: flags.dir,
            keep: flags.keep,
            serializer: flags.serializer,
            jarsDir: flags.jars,
            mavenRepo: flags.mavenRepo,
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
