import { Command } from "commander";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../core/errors.js";
import { runCommand } from "../core/run-command.js";
import { count, parseHttpUrl, parseLabName, parseStoreUrl } from "./options.js";

interface VerifyFlags {
  url?: string;
  lab?: string;
  store?: string;
  requests: number;
  clients: number;
  verbose: boolean;
  json: boolean;
}

// --requests from 20: fewer cannot show round robin reliably; --clients from 2: one cannot show isolation.
export function verifyCommand(): Command {
  return new Command("verify")
    .description("prove through nginx that one session survives while the serving Tomcat changes")
    .option("--lab <name>", "lab instance to probe (default: the only one)", parseLabName)
    .option(
      "--url <url>",
      "probe any deployment instead (sessionlab's probe page or the classic index.jsp)",
      parseHttpUrl,
    )
    .option(
      "--store <url>",
      "with --url: read the session from this store too: memcached://host:port or redis://[:password@]host:port[/db]",
      parseStoreUrl,
    )
    .option("--requests <n>", "sequential requests by one client (20-1000)", count(20, 1000), 20)
    .option("--clients <n>", "parallel clients for the isolation check (2-100)", count(2, 100), 8)
    .option("--verbose", "show every request and all evidence", false)
    .option("--json", "print the report as JSON", false)
    .action(
      runCommand(
        async (ctx, flags: VerifyFlags) => {
          // Loaded when the command runs, so --help and other commands start fast.
          const [{ printResult }, { formatVerifyReport }, { verify }] = await Promise.all([
            import("../core/output.js"),
            import("../verify/format.js"),
            import("../verify/run.js"),
          ]);
          const report = await verify({
            url: flags.url,
            lab: flags.lab,
            store: flags.store,
            requests: flags.requests,
            clients: flags.clients,
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
