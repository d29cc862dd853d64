import type { Runtime } from "./runtime.js";

/**
 * The one place a command gets its container engine. The Docker client is imported here, on first
 * use, so commands that never touch an engine (diff-config, --help) do not pay for loading it.
 */
export async function connectRuntime(): Promise<Runtime> {
  const { DockerRuntime } = await import("./docker.js");
  return DockerRuntime.connect();
}
