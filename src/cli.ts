import { Command } from "commander";
import { readFileSync } from "node:fs";
import { commands } from "./commands/index.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command()
    .name("sessionlab")
    .description("Tomcat session sharing behind nginx: build a lab, prove it works, find config mistakes.")
    .version(pkg.version, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    // Unknown commands and bad flags are "could not run".
    .exitOverride((err) => {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version") process.exit(0);
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  // Subcommands inherit the exit override and output settings, so a bad flag exits 2 everywhere.
  for (const cmd of commands) program.addCommand(cmd().copyInheritedSettings(program));
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
