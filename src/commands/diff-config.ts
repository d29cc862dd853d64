import { Command } from "commander";

// Placeholder until the diff-config layer lands (issue 4); replaced wholesale.
export function diffConfigCommand(): Command {
  return new Command("diff-config").description("find invisible-character and misconfiguration errors in configs");
}
