import { InvalidArgumentError } from "commander";

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

export const DEFAULT_PORT = Number(process.env.SESSIONLAB_PORT ?? 8080);

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a whole number ≥ 0");
  return n;
}
