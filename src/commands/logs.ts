import { Command } from "commander";
import { Transform } from "node:stream";
import { EXIT_OK, SessionlabError } from "../core/errors.js";
import { color } from "../core/output.js";
import { runCommand } from "../core/run-command.js";
import { nodeOf, resolveLab } from "../orchestrator/discover.js";
import { connectRuntime } from "../runtime/connect.js";
import { parseCount } from "./options.js";

interface LogsFlags {
  follow: boolean;
  tail: number;
  lab?: string;
}

/** Prefixes each line with the node name when several containers' logs are interleaved. */
function prefixed(prefix: string, target: NodeJS.WritableStream): Transform {
  let partial = "";
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const lines = (partial + chunk.toString("utf8")).split("\n");
      partial = lines.pop() ?? "";
      cb(null, lines.map((l) => `${prefix} ${l}\n`).join(""));
    },
    flush(cb) {
      cb(null, partial ? `${prefix} ${partial}\n` : "");
    },
  });
  t.pipe(target);
  return t;
}

export function logsCommand(): Command {
  return new Command("logs")
    .description("show a lab container's log (all containers when no node is given)")
    .argument("[node]", "tomcat1, tomcat2, nginx, memcached, …")
    .option("-f, --follow", "keep printing new lines until Ctrl-C", false)
    .option("-n, --tail <lines>", "lines of history to show", parseCount, 100)
    .option("--lab <name>", "lab instance (default: the only one)")
    .action(
      runCommand(async (ctx, node: string | undefined, flags: LogsFlags) => {
        const runtime = await connectRuntime();
        const lab = await resolveLab(runtime, flags.lab);
        const targets = node ? lab.containers.filter((c) => nodeOf(c) === node) : lab.containers;
        if (!targets.length) {
          throw new SessionlabError(
            `lab ${lab.instance} has no node "${node}"`,
            `choose one of: ${lab.containers.map(nodeOf).join(", ")}`,
          );
        }
        const width = Math.max(...targets.map((c) => nodeOf(c).length));
        const many = targets.length > 1;
        await Promise.all(
          targets.map(async (c) => {
            const tag = color.cyan(nodeOf(c).padEnd(width) + " |");
            const out = many ? prefixed(tag, process.stdout) : process.stdout;
            const err = many ? prefixed(tag, process.stderr) : process.stderr;
            if (!flags.follow) out.write(await runtime.logText(c.id, flags.tail));
            else await runtime.followLogs(c.id, { tail: flags.tail, out, err, signal: ctx.signal });
            if (many) (out as Transform).end();
          }),
        );
        return EXIT_OK;
      }),
    );
}
