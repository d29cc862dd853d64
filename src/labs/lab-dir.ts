import { SessionlabError } from "../core/errors.js";
import { resolveLab } from "../orchestrator/discover.js";
import { DockerRuntime } from "../runtime/docker.js";

/** The folder holding a running lab's rendered configs, as the user may have edited them. */
export async function findLabDir(name?: string): Promise<string> {
  const lab = await resolveLab(await DockerRuntime.connect(), name);
  if (!lab.dir) throw new SessionlabError(`lab ${lab.instance} has no recorded lab folder`, "recreate it with `sessionlab up`");
  return lab.dir;
}
