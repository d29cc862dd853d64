import { connect } from "node:net";
import type { Runtime } from "../runtime/runtime.js";
import { tcpRequestScript } from "../runtime/wait.js";

export type { StoreLookup } from "./lookup.js";
import type { StoreLookup } from "./lookup.js";

export const MEMCACHED_PORT = 11211;

// memcached keys: no whitespace or control characters, at most 250 bytes; no backslash, since the
// in-container transport passes the request through printf %b.
const SAFE_KEY = /^[\x21-\x5b\x5d-\x7e]{1,250}$/;

/** Parses a text-protocol `get` reply: `VALUE <key> <flags> <bytes>` … `END`. */
export function parseGetReply(reply: string): StoreLookup {
  const header = reply.split("\r\n").find((l) => l.startsWith("VALUE "));
  if (header) return { found: true, detail: header };
  if (reply.includes("END")) return { found: false, detail: "(not found)" };
  throw new Error(`unexpected memcached reply: ${JSON.stringify(reply.slice(0, 80))}`);
}

function getPayload(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`not a valid memcached key: ${JSON.stringify(key)}`);
  return `get ${key}\r\nquit\r\n`;
}

/** Reads a key through `docker exec` in the lab's memcached container (the store is never published). */
export async function lookupInContainer(
  runtime: Runtime,
  containerId: string,
  key: string,
): Promise<StoreLookup> {
  const res = await runtime.exec(
    containerId,
    tcpRequestScript(MEMCACHED_PORT, getPayload(key).replace(/\r\n/g, "\\r\\n")),
  );
  if (res.exitCode !== 0)
    throw new Error(`memcached did not answer: ${res.stderr.trim() || `exit ${res.exitCode}`}`);
  return parseGetReply(res.stdout);
}

/** Reads a key over TCP from a store the user names with --store memcached://host:port. */
export async function lookupOverTcp(
  host: string,
  port: number,
  key: string,
  timeoutMs = 3000,
): Promise<StoreLookup> {
  const payload = getPayload(key);
  const reply = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sock = connect({ host, port });
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`memcached at ${host}:${port} timed out`)));
    sock.on("connect", () => sock.write(payload));
    sock.on("data", (c) => chunks.push(c));
    sock.on("error", reject);
    sock.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
  });
  return parseGetReply(reply);
}

export async function pingInContainer(runtime: Runtime, containerId: string): Promise<boolean> {
  const res = await runtime.exec(containerId, tcpRequestScript(MEMCACHED_PORT, "version\\r\\nquit\\r\\n"));
  return res.exitCode === 0 && res.stdout.startsWith("VERSION");
}
