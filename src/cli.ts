import { Command } from "commander";
import { readFileSync } from "node:fs";
import { interactive } from "./commands/choose-lab.js";
import { commands } from "./commands/index.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command()
    .name("sessionlab")
    .description("Tomcat session sharing behind nginx: build a lab, prove it works, find config mistakes.")
    .version(pkg.version, "-v, --version")
    .option("--no-interactive", "print this help instead of opening the console on a terminal")
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: withFixLine("sessionlab") })
    // Unknown commands and bad flags are "could not run".
    .exitOverride((err) => {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version") process.exit(0);
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  // Subcommands inherit the exit override and output settings, so a bad flag exits 2 everywhere.
  for (const make of commands) {
    const cmd = make().copyInheritedSettings(program);
    cmd.configureOutput({ ...cmd.configureOutput(), outputError: withFixLine(`sessionlab ${cmd.name()}`) });
    program.addCommand(cmd);
  }
  return program;
}

/**
 * Every error is one sentence and a fix: line. Commander's "option '-p, --port <port>' argument '0' is
 * invalid. <reason>" becomes "--port 0 <reason>"; the parsers in options.ts bring their own fix line,
 * and commander's own errors (unknown option, missing argument, bad choice) get one here.
 */
export function withFixLine(usage: string): (message: string, write: (s: string) => void) => void {
  const quote = (v: string) => (/^[^\s'"]+$/.test(v) ? v : JSON.stringify(v));
  return (message, write) => {
    let text = message
      .replace(
        /^error: option '(?:-\w, )?(--[\w-]+)[^']*' argument '(.*)' is invalid\. /s,
        (_m, flag: string, value: string) => `error: ${flag} ${quote(value)} `,
      )
      .replace(
        /^error: option '[^']*' value '(.*)' from env '([^']+)' is invalid\. /s,
        (_m, value: string, env: string) => `error: ${env}=${JSON.stringify(value)} `,
      )
      .replace(
        /^error: command-argument value '(.*)' is invalid for argument '[^']*'\. /s,
        (_m, value: string) => `error: ${quote(value)} `,
      );
    const choices = /^(error: \S+ \S+) Allowed choices are (.*)\.\n$/s.exec(text);
    if (choices) text = `${choices[1]} is not one of the choices\nfix: use one of: ${choices[2]}\n`;
    const guess = /^(.*)\n\(Did you mean (.*)\?\)\n$/s.exec(text);
    if (guess) text = `${guess[1]}\nfix: did you mean ${guess[2]}? (\`${usage} --help\` lists them)\n`;
    write(text.includes("\nfix: ") ? text : `${text}fix: see \`${usage} --help\` for usage\n`);
  };
}

export async function main(argv: string[]): Promise<void> {
  // `sessionlab` alone on a terminal opens the console; elsewhere (or with --no-interactive) the help.
  const alone = argv.length === 2 && interactive(false);
  await buildProgram().parseAsync(alone ? [...argv, "console"] : argv);
}
