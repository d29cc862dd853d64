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

/**
 * One GET to the Tomcat in a container, sent from inside it (no curl needed): the status line and the
 * body, or why nothing answered.
 */
export async function getFromTomcat(
  runtime: Runtime,
  id: string,
  path: string,
  timeoutMs?: number,
): Promise<{ status: string; body: string } | { error: string }> {
  const res = await runtime.exec(
    id,
    tcpRequestScript(8080, `GET ${path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n`),
    timeoutMs === undefined ? undefined : { timeoutMs },
  );
  if (res.exitCode !== 0) return { error: res.stderr.trim() || `exit ${res.exitCode}` };
  const end = res.stdout.indexOf("\r\n\r\n");
  const head = end < 0 ? res.stdout : res.stdout.slice(0, end);
  return { status: (head.split("\r\n")[0] ?? "").trim(), body: end < 0 ? "" : res.stdout.slice(end + 4) };
}

/** Tomcat answers its own probe page from inside its container (this also compiles the JSP). */
export async function tomcatAnswers(runtime: Runtime, id: string): Promise<boolean> {
  const res = await getFromTomcat(runtime, id, "/probe.jsp");
  if ("error" in res) return false;
  if (/ 200\b/.test(res.status)) return true;
  if (/ 5\d\d\b/.test(res.status)) throw new Error(`Tomcat answered ${res.status}`);
  return false;
}
