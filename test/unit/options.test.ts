import { CommanderError, type Command } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { withFixLine } from "../../src/cli.js";
import { downCommand } from "../../src/commands/down.js";
import { logsCommand } from "../../src/commands/logs.js";
import {
  count,
  parseHttpUrl,
  parseImageRef,
  parseLabName,
  parsePort,
  parseSeconds,
  parseStoreUrl,
  portOrDefault,
} from "../../src/commands/options.js";
import { statusCommand } from "../../src/commands/status.js";
import { upCommand } from "../../src/commands/up.js";
import { verifyCommand } from "../../src/commands/verify.js";

describe("portOrDefault", () => {
  afterEach(() => {
    delete process.env.SESSIONLAB_PORT;
  });
  it("prefers the flag, then SESSIONLAB_PORT, then 8080", () => {
    expect(portOrDefault(9000)).toBe(9000);
    process.env.SESSIONLAB_PORT = "8181";
    expect(portOrDefault(undefined)).toBe(8181);
    delete process.env.SESSIONLAB_PORT;
    expect(portOrDefault(undefined)).toBe(8080);
  });
  it("rejects a bad SESSIONLAB_PORT in one sentence", () => {
    process.env.SESSIONLAB_PORT = "";
    expect(() => portOrDefault(undefined)).toThrow('SESSIONLAB_PORT="" is not a port number');
  });
});

describe("option parsers", () => {
  it.each(["0", "65536", "-1", "80.5", "0x50", "", "1e3", "http"])("--port rejects %j", (v) => {
    expect(() => parsePort(v)).toThrow(/port number 1-65535\nfix: /);
  });
  it("--port takes 1-65535", () => {
    expect(parsePort("1")).toBe(1);
    expect(parsePort("65535")).toBe(65535);
  });

  it.each(["0", "-5", "1e12", "3601", "Infinity", "NaN", "", "2m"])("--timeout rejects %j", (v) => {
    expect(() => parseSeconds(v)).toThrow(/at most 3600\nfix: /);
  });
  it("--timeout takes fractions and up to an hour", () => {
    expect(parseSeconds("0.5")).toBe(0.5);
    expect(parseSeconds("3600")).toBe(3600);
  });

  it("count() keeps whole numbers within its bounds", () => {
    const requests = count(20, 1000);
    expect(requests("20")).toBe(20);
    for (const v of ["3", "19", "1001", "1e9", "20.5", "-20", "", " "])
      expect(() => requests(v), v).toThrow("must be a whole number from 20 to 1000\nfix: ");
  });

  it("lab names follow up --name's rule", () => {
    expect(parseLabName("memcached-2")).toBe("memcached-2");
    for (const v of ["Bad", "../x", "a/b", "", "-x", "x".repeat(42)])
      expect(() => parseLabName(v), v).toThrow("is not a lab name");
  });

  it("URLs: http(s) for --url and --maven-repo, memcached/redis with a host for --store", () => {
    expect(parseHttpUrl("https://repo.example/maven2")).toBe("https://repo.example/maven2");
    for (const v of ["foo", "ftp://x", "file:///etc", ""])
      expect(() => parseHttpUrl(v), v).toThrow("must be an http:// or https:// URL");
    expect(parseStoreUrl("redis://:pw@127.0.0.1:6379/0")).toBe("redis://:pw@127.0.0.1:6379/0");
    expect(parseStoreUrl("memcached://127.0.0.1:11211")).toBe("memcached://127.0.0.1:11211");
    for (const v of ["foo", "http://x", "memcached://", "127.0.0.1:11211"])
      expect(() => parseStoreUrl(v), v).toThrow("must be a memcached:// or redis:// URL");
  });

  it("image references", () => {
    for (const v of [
      "debian:bookworm-slim",
      "registry:5000/team/debian:12",
      `debian@sha256:${"a".repeat(64)}`,
    ])
      expect(parseImageRef(v)).toBe(v);
    for (const v of ["", "has space", "Debian", "debian:12\n"])
      expect(() => parseImageRef(v), v).toThrow("is not a Docker image reference");
  });
});

/** Parses in-process as the CLI would; returns what it printed on stderr (nothing runs: parse fails first). */
async function parseError(make: () => Command, args: string[]): Promise<string> {
  let err = "";
  const cmd = make()
    .exitOverride()
    .configureOutput({
      writeErr: (s) => (err += s),
      outputError: withFixLine(`sessionlab ${make().name()}`),
    });
  await expect(cmd.parseAsync(args, { from: "user" })).rejects.toBeInstanceOf(CommanderError);
  return err;
}

describe("bad option values stop at parsing: one sentence and a fix", () => {
  it.each([
    [verifyCommand, ["--requests", "3"], "error: --requests 3 must be a whole number from 20 to 1000"],
    [verifyCommand, ["--clients", "1"], "error: --clients 1 must be a whole number from 2 to 100"],
    [verifyCommand, ["--url", "ftp://x"], "error: --url ftp://x must be an http:// or https:// URL"],
    [verifyCommand, ["--store", "foo://x"], "error: --store foo://x must be a memcached:// or redis:// URL"],
    [verifyCommand, ["--lab", "No"], "error: --lab No is not a lab name"],
    [upCommand, ["memcached", "--timeout", "1e12"], "error: --timeout 1e12 must be a number of seconds"],
    [upCommand, ["memcached", "-p", "0"], "error: --port 0 must be a port number 1-65535"],
    [upCommand, ["memcached", "--name", "a b"], 'error: --name "a b" is not a lab name'],
    [upCommand, ["memcached", "--maven-repo", "repo"], "error: --maven-repo repo must be an http"],
    [upCommand, ["memcached", "--base-image", ""], 'error: --base-image "" is not a Docker image reference'],
    [upCommand, ["memcached", "--serializer", "x"], "error: --serializer x is not one of the choices"],
    [logsCommand, ["--tail", "-5"], "error: --tail -5 must be a whole number from 0 to 1000000"],
    [statusCommand, ["../x"], "error: ../x is not a lab name"],
    [downCommand, ["BAD"], "error: BAD is not a lab name"],
    [upCommand, ["memcached", "--bogus"], "error: unknown option '--bogus'"],
  ] as const)("%o %j", async (make, args, message) => {
    const err = await parseError(make, [...args]);
    expect(err.startsWith(message), err).toBe(true);
    const lines = err.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^fix: \S/);
  });
});
