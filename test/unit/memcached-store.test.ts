import { type Server, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupOverTcp, parseGetReply } from "../../src/stores/memcached.js";

describe("parseGetReply", () => {
  it("finds a stored value", () => {
    expect(parseGetReply("VALUE AB-n1.tomcat1 0 207\r\n\u0000binary\r\nEND\r\n")).toEqual({
      found: true,
      detail: "VALUE AB-n1.tomcat1 0 207",
    });
  });
  it("reports a miss", () => {
    expect(parseGetReply("END\r\n").found).toBe(false);
  });
  it("throws on anything else", () => {
    expect(() => parseGetReply("ERROR\r\n")).toThrow(/unexpected memcached reply/);
  });
});

// A tiny text-protocol memcached on 127.0.0.1 that knows one key.
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((sock) => {
    sock.on("data", (d) => {
      const key = /^get (\S+)/.exec(d.toString())?.[1];
      sock.end(key === "KNOWN-n1" ? "VALUE KNOWN-n1 0 3\r\nabc\r\nEND\r\n" : "END\r\n");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => server.close());

describe("lookupOverTcp", () => {
  it("finds a known session and misses an unknown one", async () => {
    expect((await lookupOverTcp("127.0.0.1", port, "KNOWN-n1")).found).toBe(true);
    expect((await lookupOverTcp("127.0.0.1", port, "OTHER")).found).toBe(false);
  });
  it("refuses keys that would break the protocol", async () => {
    await expect(lookupOverTcp("127.0.0.1", port, "a b")).rejects.toThrow(/not a valid memcached key/);
  });
});
