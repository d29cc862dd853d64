#!/usr/bin/env node
import { main } from "../dist/cli.js";

main(process.argv).catch((e) => {
  process.stderr.write(`unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
