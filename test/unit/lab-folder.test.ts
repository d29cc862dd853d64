import { access, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { purgeLabFolder, writeLabFolder } from "../../src/labs/lab-folder.js";
import { LabPaths } from "../../src/labs/lab-paths.js";

describe("writeLabFolder", () => {
  it("writes, then keeps a user's edit, then backs it up on reset", async () => {
    const paths = new LabPaths(await mkdtemp(join(tmpdir(), "sl-folder-")));
    const file = paths.nginxConf();
    const first = await writeLabFolder(paths, "memcached", new Map([[file, "v1\n"]]));
    expect(first.written).toEqual(["nginx/nginx.conf"]);

    await writeFile(file, "user edit\n");
    const second = await writeLabFolder(paths, "memcached", new Map([[file, "v2\n"]]));
    expect(second.keptEdits).toEqual(["nginx/nginx.conf"]);
    expect(await readFile(file, "utf8")).toBe("user edit\n");

    const third = await writeLabFolder(paths, "memcached", new Map([[file, "v2\n"]]), { reset: true });
    expect(third.backedUp).toEqual(["nginx/nginx.conf"]);
    expect(await readFile(`${file}.bak`, "utf8")).toBe("user edit\n");
    expect(await readFile(file, "utf8")).toBe("v2\n");
  });

  it("updates files the user did not touch", async () => {
    const paths = new LabPaths(await mkdtemp(join(tmpdir(), "sl-folder-")));
    const file = paths.serverXml("tomcat1");
    await writeLabFolder(paths, "memcached", new Map([[file, "a"]]));
    const r = await writeLabFolder(paths, "memcached", new Map([[file, "b"]]));
    expect(r).toEqual({ written: ["tomcat1/conf/server.xml"], keptEdits: [], backedUp: [] });
    expect(await readFile(file, "utf8")).toBe("b");
  });

  it("a node the lab no longer runs leaves nothing stale: its files go, an edited one stays as .bak", async () => {
    const paths = new LabPaths(await mkdtemp(join(tmpdir(), "sl-folder-")));
    const three = new Map(["tomcat1", "tomcat2", "tomcat3"].map((t) => [paths.serverXml(t), `${t}\n`]));
    await writeLabFolder(paths, "cluster", three);
    await writeFile(paths.serverXml("tomcat2"), "edited\n");
    const two = new Map([[paths.serverXml("tomcat1"), "tomcat1\n"]]);
    const r = await writeLabFolder(paths, "cluster", two);
    expect(r.backedUp).toEqual(["tomcat2/conf/server.xml"]);
    expect(await readFile(`${paths.serverXml("tomcat2")}.bak`, "utf8")).toBe("edited\n");
    await expect(access(paths.serverXml("tomcat2"))).rejects.toThrow();
    await expect(access(join(paths.root, "tomcat3"))).rejects.toThrow();
  });

  it("purge deletes only what sessionlab wrote; the user's files stay", async () => {
    const paths = new LabPaths(await mkdtemp(join(tmpdir(), "sl-folder-")));
    await writeLabFolder(
      paths,
      "memcached",
      new Map([
        [paths.nginxConf(), "n"],
        [paths.serverXml("tomcat1"), "s"],
      ]),
    );
    const mine = join(paths.root, "tomcat1", "notes.txt");
    await writeFile(mine, "mine");
    const r = await purgeLabFolder(paths);
    expect(r.removed.sort()).toEqual(["nginx/nginx.conf", "tomcat1/conf/server.xml"]);
    expect(r.kept).toEqual(["tomcat1/notes.txt"]);
    expect(await readFile(mine, "utf8")).toBe("mine");
    await expect(access(join(paths.root, "nginx"))).rejects.toThrow();
  });

  it("purge keeps a rendered file the user edited, and never follows a path out of the folder", async () => {
    const paths = new LabPaths(await mkdtemp(join(tmpdir(), "sl-folder-")));
    await writeLabFolder(paths, "memcached", new Map([[paths.nginxConf(), "n"]]));
    await writeFile(paths.nginxConf(), "edited by the user");
    // A tampered state file naming a file outside the folder.
    const outside = join(paths.root, "..", `outside-${Date.now()}.txt`);
    await writeFile(outside, "x");
    const state = JSON.parse(await readFile(paths.stateFile(), "utf8"));
    state.rendered[`../${outside.split("/").at(-1)}`] = "whatever";
    await writeFile(paths.stateFile(), JSON.stringify(state));
    const r = await purgeLabFolder(paths);
    expect(r.removed).toEqual([]);
    expect(r.kept).toEqual(["nginx/nginx.conf"]);
    expect(await readFile(outside, "utf8")).toBe("x");
  });
});
