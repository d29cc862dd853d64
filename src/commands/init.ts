import { Command, Option } from "commander";
import { EXIT_OK } from "../core/errors.js";
import { color, createProgress, printResult } from "../core/output.js";
import { runCommand } from "../core/run-command.js";
import { MAX_TOMCATS, MIN_TOMCATS, listLabNamesSync } from "../labs/definition.js";
import { parseTomcats } from "./options.js";

interface InitFlags {
  manager?: string;
  tomcat?: string;
  tomcats?: number;
  readMode: "REDIS" | "MEMORY";
  updateMode: "DEFAULT" | "AFTER_REQUEST";
  redisPassword?: string;
  mavenRepo?: string;
  json: boolean;
}

export function initCommand(): Command {
  return new Command("init")
    .description(
      "write a lab folder you can edit (topology, templates, every config), then run it with `up DIR`",
    )
    .argument("<lab>", `lab to start from: ${listLabNamesSync().join(", ")}`)
    .argument("[dir]", "folder to write (new or empty; default ./sessionlab-<lab>-lab)")
    .option("--manager <name>", "session manager (see `up --help`)")
    .option("--tomcat <version>", "Tomcat version where the manager offers several")
    .option("--tomcats <n>", `number of Tomcats, ${MIN_TOMCATS}-${MAX_TOMCATS}`, parseTomcats)
    .addOption(
      new Option("--read-mode <mode>", "Redisson readMode").choices(["REDIS", "MEMORY"]).default("REDIS"),
    )
    .addOption(
      new Option("--update-mode <mode>", "Redisson updateMode")
        .choices(["DEFAULT", "AFTER_REQUEST"])
        .default("DEFAULT"),
    )
    .addOption(
      new Option("--redis-password <password>", "password for the lab's Redis (default: generated)").env(
        "SESSIONLAB_REDIS_PASSWORD",
      ),
    )
    .option("--maven-repo <url>", "Maven repository to download from (env SESSIONLAB_MAVEN_REPO)")
    .option("--json", "print the result as JSON", false)
    .action(
      runCommand(
        async (ctx, lab: string, dir: string | undefined, flags: InitFlags) => {
          const { initLab } = await import("../orchestrator/init.js");
          const res = await initLab({
            lab,
            dir,
            manager: flags.manager,
            tomcat: flags.tomcat,
            tomcats: flags.tomcats,
            serializer: "java",
            readMode: flags.readMode,
            updateMode: flags.updateMode,
            redisPassword: flags.redisPassword,
            mavenRepo: flags.mavenRepo,
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
