import { Command, InvalidArgumentError, Option } from "commander";
import { existsSync, readFileSync } from "node:fs";
import {
  EXIT_CHECK_FAILED,
  EXIT_COULD_NOT_RUN,
  EXIT_OK,
  InterruptedError,
  SessionlabError,
} from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { labFiles } from "../diff-config/lab-files.js";
import { KINDS } from "../diff-config/types.js";

interface Options {
  kind?: string;
  lab?: string | boolean;
  against?: string;
  json?: boolean;
  format: "stylish" | "json" | "sarif";
  strict?: boolean;
  fix?: boolean;
  diff: boolean;
  tomcat?: string;
  java?: number;
}

function parseTomcatVersion(value: string): string {
  if (!/^\d+(\.\d+){0,2}$/.test(value))
    throw new InvalidArgumentError("expected a Tomcat version such as 9.0, 8.5.31 or 10.1");
  return value;
}

function parseJavaMajor(value: string): number {
  const m = /^(?:1\.)?(\d+)$/.exec(value);
  if (!m) throw new InvalidArgumentError("expected a Java major such as 8, 11 or 17");
  return Number(m[1]);
}

const version = () =>
  (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string })
    .version;

/**
 * No files given, on a terminal: offer the running lab's configs (nothing when not on a terminal, no
 * lab runs, or the user declines — the command then says what to pass, as elsewhere).
 */
async function askForRunningLab(machine: boolean): Promise<string[]> {
  const { interactive } = await import("./choose-lab.js");
  if (!interactive(machine)) return [];
  let dir: string;
  try {
    const { findLabDir } = await import("../labs/lab-dir.js");
    dir = await findLabDir();
  } catch {
    return [];
  }
  const p = await import("@clack/prompts");
  const yes = await p.confirm({ message: `No files given. Check the running lab's configs in ${dir}?` });
  if (p.isCancel(yes)) throw new InterruptedError();
  return yes ? labPaths(dir) : [];
}

/** --lab NAME-or-FOLDER: a folder is used as is; otherwise the running lab's folder is looked up. */
async function labPaths(lab: string | boolean): Promise<string[]> {
  // The folder itself, so diff-config also reads the versions the lab runs from its state file.
  if (typeof lab === "string" && existsSync(lab)) {
    labFiles(lab); // says what is wrong with the folder, if anything
    return [lab];
  }
  // Lab names never hold a slash or start with a dot: this was meant as a folder, so don't ask Docker.
  if (typeof lab === "string" && /[\\/]|^\./.test(lab))
    throw new SessionlabError(`no lab folder ${lab}`, "pass an existing lab folder, or a lab name");
  // Loaded on demand: it brings in the Docker client, which linting files never needs.
  const { findLabDir } = await import("../labs/lab-dir.js");
  const dir = await findLabDir(typeof lab === "string" ? lab : undefined);
  labFiles(dir); // says what is wrong with the folder, if anything
  return [dir];
}

export function diffConfigCommand(): Command {
  return new Command("diff-config")
    .description(
      "find invisible-character, syntax and session-manager mistakes in configs, and diff them against the lab's",
    )
    .argument(
      "[paths...]",
      "config files (context.xml, server.xml, nginx.conf, redis.conf), a CATALINA_BASE or an nginx folder",
    )
    .addOption(
      new Option("--kind <kind>", "treat every file as this kind instead of detecting it").choices([
        ...KINDS,
        "context",
        "server",
      ]),
    )
    .option("--lab [name]", "check the running lab's files as you edited them (or a lab folder)")
    .option(
      "--against <file>",
      "diff files of the same kind against this known-good file instead of the lab's",
    )
    .option("--json", "print JSON on stdout (same as --format json)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["stylish", "json", "sarif"])
        .default("stylish"),
    )
    .option("--strict", "warnings fail the check too (exit 1)")
    .option(
      "--fix",
      "rewrite safe fixes (invisible characters, quotes, whitespace in values), keeping FILE.bak",
    )
    .option("--no-diff", "skip the diff against the known-good config")
    .option(
      "--tomcat <version>",
      "the Tomcat version the configs run on (e.g. 9.0, 8.5.31), for version-dependent rules",
      parseTomcatVersion,
    )
    .option("--java <major>", "the Java major the Tomcats run on (e.g. 8, 17)", parseJavaMajor)
    .addHelpText(
      "after",
      "\nExit codes: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 a file cannot be checked\n(missing, binary, or over 32 MB; the other files are still checked and reported).\nRules: docs/rules.md",
    )
    .action(
      runCommand(
        async (_ctx, paths: string[], opts: Options) => {
          const format = opts.json ? "json" : opts.format;
          const inputs = opts.lab ? [...paths, ...(await labPaths(opts.lab))] : paths;
          if (inputs.length === 0) inputs.push(...(await askForRunningLab(format !== "stylish")));
          if (inputs.length === 0) {
            throw new SessionlabError(
              "no files to check",
              "pass config files, a CATALINA_BASE folder, or --lab",
            );
          }
          // The linter and formatters are loaded when the command runs, so --help stays fast.
          const [{ lintFiles, RULES }, { parseKind }] = await Promise.all([
            import("../diff-config/index.js"),
            import("../diff-config/load.js"),
          ]);
          const report = await lintFiles(inputs, {
            kind: opts.kind ? parseKind(opts.kind) : undefined,
            against: opts.against,
            diff: opts.diff,
            fix: opts.fix,
            tomcat: opts.tomcat,
            java: opts.java,
          });
          const { color } = await import("../core/output.js");
          // Files that could not be checked: one sentence and a fix each, as for any sessionlab error.
          if (format === "stylish") {
            for (const f of report.files)
              if (f.error)
                process.stderr.write(
                  `${color.red("error:")} ${f.error.message}\n${color.cyan("fix:")} ${f.error.fix}\n`,
                );
          }
          if (format === "json") {
            const { formatJson } = await import("../diff-config/formatters/json.js");
            process.stdout.write(formatJson(report));
          } else if (format === "sarif") {
            const { formatSarif } = await import("../diff-config/formatters/sarif.js");
            process.stdout.write(formatSarif(report, RULES, version()));
          } else {
            const { formatStylish } = await import("../diff-config/formatters/stylish.js");
            for (const f of report.fixed)
              process.stderr.write(
                `${color.green("fixed")} ${f.path} ${color.dim(`(original kept as ${f.backup})`)}\n`,
              );
            process.stdout.write(formatStylish(report, color, { diff: opts.diff }));
          }
          if (report.unreadableCount > 0) return EXIT_COULD_NOT_RUN;
          const failing = report.errorCount + (opts.strict ? report.warningCount : 0);
          return failing > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
        },
        (_paths: string[], opts: Options) => Boolean(opts.json) || opts.format !== "stylish",
      ),
    );
}
