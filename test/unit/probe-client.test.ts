import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { ProbeClient } from "../../src/verify/client.js";
import { formatVerifyReport } from "../../src/verify/format.js";
import type { Observation } from "../../src/verify/page.js";
import type { VerifyReport } from "../../src/verify/run.js";

// A server that closes a kept-alive connection when its second request arrives, without answering,
// as an nginx worker does when a reload retires it; or closes every connection that way.
async function closingServer(
  always: boolean,
): Promise<{ server: Server; url: string; served: () => number }> {
  let served = 0;
  const perSocket = new WeakMap<object, number>();
  const server = createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (always || n === 2) {
      req.socket.destroy();
      return;
    }
    served++;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ node: "tomcat1", sessionId: "ABC.tomcat1", counter: served }));
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/`, served: () => served };
}

describe("ProbeClient", () => {
  let server: Server | undefined;
  let agent: Agent | undefined;
  afterEach(async () => {
    await agent?.close();
    server?.close();
  });

  it("sends a GET once more when a kept-alive connection closes before any answer, and says so", async () => {
    const s = await closingServer(false);
    server = s.server;
    agent = new Agent({ keepAliveTimeout: 10_000, connections: 1 });
    const client = new ProbeClient(s.url, agent);
    const first = await client.get();
    const second = await client.get();
    expect(first).toMatchObject({ status: 200, counter: 1 });
    expect(first.retried).toBeUndefined();
    expect(second).toMatchObject({ status: 200, counter: 2, retried: "other side closed" });
    expect(s.served()).toBe(2);
  });

  it("reports the error when the new connection fails too (once more, not forever)", async () => {
    const s = await closingServer(true);
    server = s.server;
    agent = new Agent({ keepAliveTimeout: 10_000, connections: 1 });
    const obs = await new ProbeClient(s.url, agent).get();
    expect(obs).toMatchObject({ status: 0, error: "other side closed", retried: "other side closed" });
  });
});

describe("verify's report", () => {
  const report = (requests: Observation[]): VerifyReport => ({
    ok: true,
    target: { url: "http://127.0.0.1:8080", page: "probe", scenario: "round-robin" },
    checks: [],
    requests,
    seconds: 1,
  });
  const ok = (index: number, retried?: string): Observation => ({
    index,
    status: 200,
    ms: 3,
    ...(retried ? { retried } : {}),
  });

  it("says which requests were sent again, and why", () => {
    const text = formatVerifyReport(report([ok(1), ok(2, "other side closed"), ok(3)]));
    expect(text).toMatch(/1 request\(s\) \(#2\) sent again on a new connection.*\(other side closed\)/);
  });

  it("says nothing of it when no request was", () => {
    expect(formatVerifyReport(report([ok(1), ok(2)]))).not.toMatch(/sent again/);
  });
});
