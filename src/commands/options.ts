import { InvalidArgumentError } from "commander";
import { SessionlabError } from "../core/errors.js";
import { isValidInstanceName } from "../orchestrator/names.js";
import { MAX_TOMCATS, MIN_TOMCATS } from "../labs/lab-names.js";

/**
 * Shared option parsers, so every command reads ports, counts, times and URLs the same way and a bad
 * value stops the command before it touches anything. Commander prints
 * "error: option '--x <v>' argument 'v' is invalid. <reason>", then the fix line each parser adds.
 */
function invalid(reason: string, fix: string): never {
  throw new InvalidArgumentError(`${reason}\nfix: ${fix}`);
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 65535)
    invalid("must be a port number 1-65535", "give a free port on 127.0.0.1, e.g. 8081");
  return n;
}

/** The longest wait that makes sense for a lab (also far below setTimeout's ~24.8-day limit). */
export const MAX_TIMEOUT_SECONDS = 3600;

export function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_SECONDS)
    invalid(
      `must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`,
      "give seconds, e.g. 120; a lab not ready within an hour will not be",
    );
  return n;
}

/** --port, else $SESSIONLAB_PORT (validated like the flag), else 8080. */
export function portOrDefault(flag: number | undefined): number {
  if (flag !== undefined) return flag;
  const env = process.env.SESSIONLAB_PORT;
  if (env === undefined) return 8080;
  try {
    return parsePort(env);
  } catch {
    throw new SessionlabError(
      `SESSIONLAB_PORT=${JSON.stringify(env)} is not a port number`,
      "set it to 1-65535, or unset it",
    );
  }
}

/** A whole number in [min, max], e.g. `count(20, 1000)` for --requests. */
export function count(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max)
      invalid(`must be a whole number from ${min} to ${max}`, `give a number from ${min} to ${max}`);
    return n;
  };
}

/** logs --tail: 0 (only new lines) up to a million. */
export const parseCount = count(0, 1_000_000);

/** A lab instance name, as `up --name` makes them; anything else can name no lab. */
export function parseLabName(value: string): string {
  if (!isValidInstanceName(value))
    invalid(
      "is not a lab name",
      "lab names are lower-case letters, digits, - and _ (max 41); `sessionlab status` lists them",
    );
  return value;
}

/** An http(s) URL, e.g. --url and --maven-repo. */
export function parseHttpUrl(value: string): string {
  let u: URL | undefined;
  try {
    u = new URL(value);
  } catch {
    // reported below
  }
  if (!u || (u.protocol !== "http:" && u.protocol !== "https:"))
    invalid("must be an http:// or https:// URL", "give a full URL, e.g. http://127.0.0.1:8080/");
  return value;
}

/** verify --store: where a deployment keeps its sessions. */
export function parseStoreUrl(value: string): string {
  let u: URL | undefined;
  try {
    u = new URL(value);
  } catch {
    // reported below
  }
  if (!u || !["memcached:", "redis:", "rediss:"].includes(u.protocol) || !u.hostname)
    invalid(
      "must be a memcached:// or redis:// URL with a host",
      "e.g. memcached://127.0.0.1:11211 or redis://:password@127.0.0.1:6379/0",
    );
  return value;
}

/** A Docker image reference such as debian:bookworm-slim or registry:5000/debian@sha256:…. */
export function parseImageRef(value: string): string {
  if (!/^[a-z0-9][a-z0-9._/:-]{0,254}(@sha256:[a-f0-9]{64})?$/.test(value))
    invalid("is not a Docker image reference", "e.g. debian:bookworm-slim (lower case, no spaces)");
  return value;
}

/** --tomcats: how many Tomcats run behind nginx. */
export const parseTomcats = count(MIN_TOMCATS, MAX_TOMCATS);

/** --session-size 1k,10k,100k: bytes kept in the session, each at most 1024k. */
export function parseSessionSizes(value: string): number[] {
  return value.split(",").map((v) => {
    const m = /^\s*(\d+)\s*(k)?\s*$/i.exec(v);
    if (!m) invalid(`"${v}" is not a size`, "give sizes such as 1k,10k,100k (k = 1024 bytes)");
    const n = Number(m[1]) * (m[2] ? 1024 : 1);
    if (n > 1024 * 1024) invalid(`${v.trim()} is more than the probe page keeps`, "give at most 1024k");
    return n;
  });
}
