/**
 * The options that choose and shape a lab, declared once for every command that builds one (`up`,
 * `init`), grouped by the node kind or manager that reads them. Environment twins use commander's
 * `.env()`, so a flag and its variable are parsed and validated the same way.
 */
import { type Command, Option } from "commander";
import type { LabSettings } from "../kinds/settings.js";
import { MAX_TOMCATS, MIN_TOMCATS } from "../labs/lab-names.js";
import { parseHttpUrl, parseTomcats } from "./options.js";

export interface LabFlags {
  manager?: string;
  tomcat?: string;
  tomcats?: number;
  membership?: string;
  serializer: LabSettings["serializer"];
  redisPassword?: string;
  readMode: LabSettings["readMode"];
  updateMode: LabSettings["updateMode"];
  mavenRepo?: string;
}

export function addLabOptions(cmd: Command): Command {
  return (
    cmd
      // which variant of the lab
      .option(
        "--manager <name>",
        "session manager: redis lab: classic (default), redisson or msm; cluster lab: delta (default) or backup",
      )
      .option("--tomcat <version>", "Tomcat version where the manager offers several (redisson: 9 or 10.1)")
      // tomcat kind
      .option(
        "--tomcats <n>",
        `number of Tomcats behind nginx, ${MIN_TOMCATS}-${MAX_TOMCATS} (default: the lab's, 2)`,
        parseTomcats,
      )
      // Tomcat's own cluster
      .option(
        "--membership <kind>",
        "cluster lab: how members find each other: static (default), multicast or dns",
      )
      .addOption(
        new Option("--serializer <kind>", "msm session serializer").choices(["java", "kryo"]).default("java"),
      )
      // redis kind; the variable keeps the password out of the process list and shell history
      .addOption(
        new Option(
          "--redis-password <password>",
          "password for the lab's Redis (default: generated, kept in the lab folder)",
        ).env("SESSIONLAB_REDIS_PASSWORD"),
      )
      // Redisson manager
      .addOption(
        new Option("--read-mode <mode>", "Redisson readMode").choices(["REDIS", "MEMORY"]).default("REDIS"),
      )
      .addOption(
        new Option("--update-mode <mode>", "Redisson updateMode")
          .choices(["DEFAULT", "AFTER_REQUEST"])
          .default("DEFAULT"),
      )
      // artifacts
      .addOption(
        new Option("--maven-repo <url>", "Maven repository to download from")
          .env("SESSIONLAB_MAVEN_REPO")
          .argParser(parseHttpUrl),
      )
  );
}

/** The parts of the flags the lab layer reads. */
export function labOptionsOf(f: LabFlags) {
  return {
    manager: f.manager,
    tomcat: f.tomcat,
    tomcats: f.tomcats,
    membership: f.membership,
    serializer: f.serializer,
    redisPassword: f.redisPassword,
    readMode: f.readMode,
    updateMode: f.updateMode,
    mavenRepo: f.mavenRepo,
  };
}
