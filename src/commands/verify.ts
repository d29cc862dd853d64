import { Command } from "commander";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../core/errors.js";
import { printResult } from "../core/output.js";
import { runCommand } from "../core/run-command.js";
import { formatVerifyReport } from "../verify/format.js";
import { verify } from "../verify/run.js";
import { parseCount } from "./options.js";

interface VerifyFlags {
  url?: string;
  lab?: string;
  store?: string;
  requests: number;
  clients: number;
  verbose: boolean;
  json: boolean;
}

export function verifyCommand(): Command {
  return new Command("verify")
    .description("prove through nginx that one session survives while the serving Tomcat changes")
    .option("--lab <name>", "lab instance to probe (default: the only one)")
    .option("--url <url>", "probe any deployment instead (sessionlab's probe page or the classic index.jsp)")
    .option(
      "--store <url>",
      "with --url: read the session from this store too: memcached://host:port or redis://[:password@]host:port[/db]",
    )
    .option("--requests <n>", "sequential requests by one client (at least 20)", parseCount, 20)
    .option("--clients <n>", "parallel clients for the isolation check", parseCount, 8)
    .option("--verbose", "show every request and all evidence", false)
    .option("--json", "print the report as JSON", false)
    .action(
      runCommand(
        async (ctx, flags: VerifyFlags) => {
          const report = await verify({
            url: flags.url,
            lab: flags.lab,
            store: flags.store,
            requests: Math.max(20, flags.requests),
            clients: Math.max(2, flags.clients),
            requestsPerClient: 5,
            signal: ctx.signal,
          });
          if (ctx.json) printResult(report.ok, report);
          else process.stdout.write(formatVerifyReport(report, flags.verbose));
          return report.ok ? EXIT_OK : EXIT_CHECK_FAILED;
        },
        (flags) => flags.json,
      ),
    );
}
