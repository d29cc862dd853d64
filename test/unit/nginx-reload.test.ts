import { describe, expect, it } from "vitest";
import { reloadNginx } from "../../src/kinds/nginx.js";
import { FakeRuntime } from "../support/fake-runtime.js";

// nginx -s reload only signals the master: the old workers go a moment later.
function nginxIn(rt: FakeRuntime, oldWorkersLinger: number) {
  let workers = [11, 12];
  let lingering = -1;
  const calls: string[] = [];
  rt.execReply = (_name, cmd) => {
    const line = cmd.join(" ");
    if (line === "nginx -s reload") {
      calls.push("reload");
      lingering = oldWorkersLinger;
      return { exitCode: 0, stdout: "", stderr: "" };
    }
    calls.push("list");
    if (lingering === 0) workers = [21];
    const listed = lingering > 0 ? [...workers, 21] : workers;
    if (lingering > 0) lingering--;
    return { exitCode: 0, stdout: listed.join("\n") + "\n", stderr: "" };
  };
  return calls;
}

const NGINX = { name: "sl-nginx", image: "x", network: "n", aliases: ["nginx"], labels: {} };

describe("reloadNginx", () => {
  it("returns only once the workers from before the reload are gone", async () => {
    const rt = new FakeRuntime();
    const calls = nginxIn(rt, 3);
    const id = await rt.createAndStart(NGINX);
    await reloadNginx(rt, id);
    expect(calls).toEqual(["list", "reload", "list", "list", "list", "list"]);
  });

  it("names a failed reload", async () => {
    const rt = new FakeRuntime();
    rt.execReply = (_n, cmd) =>
      cmd[0] === "nginx"
        ? { exitCode: 1, stdout: "", stderr: 'nginx: [emerg] unknown directive "upstreamx"' }
        : { exitCode: 0, stdout: "11\n", stderr: "" };
    const id = await rt.createAndStart(NGINX);
    await expect(reloadNginx(rt, id)).rejects.toThrow(/nginx -s reload failed: .*unknown directive/);
  });
});
