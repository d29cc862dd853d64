import { EXIT_COULD_NOT_RUN, SessionlabError } from "../core/errors.js";
import type { Runtime } from "../runtime/runtime.js";
import { pollUntil, tcpRequestScript } from "../runtime/wait.js";

/** A container that exited while we waited on it: fatal, no point polling on. */
export class ContainerExitedError extends Error {}

export interface Waitable {
  id: string;
  name: string;
  label: string; // e.g. "tomcat2"
}

async function failIfExited(runtime: Runtime, c: Waitable): Promise<void> {
  let st;
  try {
    st = await runtime.containerState(c.id);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404)
      throw new ContainerExitedError(`${c.label} (${c.name}) is gone`);
    throw e;
  }
  if (!st.running) throw new ContainerExitedError(`${c.label} (${c.name}) exited with code ${st.exitCode}`);
}

/** Turns a wait failure into one sentence naming the container, with its last log lines. */
async function explain(
  runtime: Runtime,
  c: Waitable,
  e: unknown,
  timeoutMs: number,
): Promise<SessionlabError> {
  const reason =
    e instanceof ContainerExitedError
      ? e.message
      : `${c.label} (${c.name}) was not ready after ${timeoutMs / 1000}s`;
  const last = e instanceof ContainerExitedError || !(e instanceof Error) ? "" : `: ${e.message}`;
  let logs: string[] = [];
  try {
    logs = await runtime.logTail(c.id, 25);
  } catch {
    // container already gone
  }
  return new SessionlabError(
    `${reason}${last}`,
    "read the log lines above; run `up` again with --keep to inspect the containers",
    EXIT_COULD_NOT_RUN,
    [`last log lines of ${c.name}:`, ...logs],
  );
}

export async function waitForContainer(
  runtime: Runtime,
  c: Waitable,
  ready: () => Promise<boolean>,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  try {
    await pollUntil(
      async () => {
        await failIfExited(runtime, c);
        return (await ready()) ? true : undefined;
      },
      {
        ...opts,
        intervalMs: 250,
        onTimeout: (last) => (last instanceof Error ? last : new Error("not ready")),
      },
      (e) => e instanceof ContainerExitedError || (e as Error)?.name === "AbortError",
    );
  } catch (e) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw await explain(runtime, c, e, opts.timeoutMs);
  }
}

/** Tomcat answers its own probe page from inside its container (this also compiles the JSP). */
export async function tomcatAnswers(runtime: Runtime, id: string): Promise<boolean> {
  const res = await runtime.exec(
    id,
    tcpRequestScript(8080, "GET /probe.jsp HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n"),
  );
  if (res.exitCode !== 0) return false;
  const status = res.stdout.split("\r\n")[0] ?? "";
  if (/ 200\b/.test(status)) return true;
  if (/ 5\d\d\b/.test(status)) throw new Error(`Tomcat answered ${status.trim()}`);
  return false;
}
