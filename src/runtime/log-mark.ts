import type { Runtime } from "./runtime.js";

const ALL = 100_000;

/** Marks where a container's log stands now; the function returned reads what it logged since. */
export async function markLog(runtime: Runtime, id: string): Promise<() => Promise<string[]>> {
  const before = (await runtime.logTail(id, ALL).catch(() => [] as string[])).length;
  return async () => (await runtime.logTail(id, ALL).catch(() => [] as string[])).slice(before);
}
