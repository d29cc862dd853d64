import { SessionlabError } from "../core/errors.js";
import { resolveLab } from "../orchestrator/discover.js";
import { connectRuntime } from "../runtime/connect.js";

/** The folder holding a running lab's rendered configs, as the user may have edited them. */
export async function findLabDir(name?: string): Promise<string> {
  const lab = await resolveLab(await connectRuntime(), name);
  if (!lab.dir) throw new SessionlabError(`lab ${lab.instance} has no recorded lab folder`, "recreate it with `sessionlab up`");
  return lab.dir;
}
