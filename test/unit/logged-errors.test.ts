import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loggedErrors } from "../../src/verify/logged-errors.js";

// A real Tomcat 10.1.59 log (fixtures/tomcat-logs/README.md): a BackupManager proxy member that lost
// the session when the primary was killed.
const log = async () =>
  (
    await readFile(
      new URL("../../fixtures/tomcat-logs/backup-proxy-member-10.1.59.log", import.meta.url),
      "utf8",
    )
  ).split("\n");

describe("loggedErrors", () => {
  it("names the error a request thread logged first, with the exception that says why", async () => {
    const errors = loggedErrors(await log());
    expect(errors[0]).toBe(
      "SEVERE AbstractReplicatedMap.get Unable to replicate out data for an AbstractReplicatedMap.get operation" +
        " — ChannelException: Operation has timed out([3000] ms.).; Faulty members:tcp://{172, 18, 0, 4}:4000;",
    );
    expect(errors).toHaveLength(3);
    expect(errors.slice(1).join("\n")).toMatch(/publishEntryInfo|heartbeat/);
  });

  it("finds nothing in a log without errors, and ignores INFO and WARNING", () => {
    expect(
      loggedErrors([
        "27-Nov-2026 17:52:29.600 INFO [StaticMembership-memberAdded] org.apache.catalina.ha.tcp.SimpleTcpCluster.memberAdded Replication member added",
        "27-Nov-2026 17:12:38.932 WARNING [Catalina-utility-2] org.apache.catalina.tribes.group.interceptors.TcpFailureDetector.performBasicCheck Member added",
      ]),
    ).toEqual([]);
  });
});
