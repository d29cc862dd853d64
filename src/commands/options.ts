import { InvalidArgumentError } from "commander";
import { SessionlabError } from "../core/errors.js";

/** Shared option parsers, so every command reads ports and timeouts the same way. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new InvalidArgumentError("must be a port number 1-65535");
  return n;
}

export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("must be a positive number of seconds");
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

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a whole number ≥ 0");
  return n;
}

export function parseTomcats(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 || n > 5) throw new InvalidArgumentError("must be a whole number 2-5");
  return n;
}
