import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkWritableDir, makeDirs } from "../../src/core/dirs.js";

const made: string[] = [];
const temp = async () => {
  const dir = await mkdtemp(join(tmpdir(), "sl-dirs-"));
  made.push(dir);
  return dir;
};
afterAll(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

describe("makeDirs: mkdir -p that always ends", () => {
  it("makes the missing folders, outermost first, and says which", async () => {
    const root = await temp();
    expect(await makeDirs(join(root, "a", "b", "c"))).toEqual([
      join(root, "a"),
      join(root, "a", "b"),
      join(root, "a", "b", "c"),
    ]);
    expect(await makeDirs(join(root, "a", "b"))).toEqual([]);
  });

  // Node's { recursive: true } spins forever on these (mkdir says ENOENT while the parent exists).
  it.skipIf(!existsSync("/proc/self"))("fails at once under /proc", async () => {
    await expect(makeDirs("/proc/sessionlab-nope/x")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("fails at once below a dangling symlink, and removes what it made", async () => {
    const root = await temp();
    await symlink(join(root, "gone"), join(root, "dangling"));
    await expect(makeDirs(join(root, "dangling", "x"))).rejects.toMatchObject({ code: "EEXIST" });
    expect((await readdir(root)).sort()).toEqual(["dangling"]);
  });

  it("fails when a part of the path is a file", async () => {
    const root = await temp();
    await writeFile(join(root, "file"), "");
    await expect(makeDirs(join(root, "file", "x"))).rejects.toMatchObject({ code: "ENOTDIR" });
    await expect(makeDirs(join(root, "file"))).rejects.toMatchObject({ code: "ENOTDIR" });
  });
});

describe("checkWritableDir", () => {
  it("accepts a folder it can make, and leaves nothing behind", async () => {
    const root = await temp();
    await checkWritableDir(join(root, "lab", "deep"), "lab folder", "fix");
    expect(await readdir(root)).toEqual([]);
  });

  it("names the folder and the reason in one sentence", async () => {
    const root = await temp();
    await writeFile(join(root, "file"), "");
    await expect(
      checkWritableDir(join(root, "file", "lab"), "lab folder", "use another"),
    ).rejects.toMatchObject({
      message: `cannot write to the lab folder ${join(root, "file", "lab")}: a part of the path is a file, not a folder`,
      hint: "use another",
    });
  });

  it.skipIf(!existsSync("/proc/self"))("refuses /proc without spinning", async () => {
    await expect(checkWritableDir("/proc/nope", "lab folder", "fix")).rejects.toThrow(
      "cannot write to the lab folder /proc/nope: that place cannot hold folders",
    );
  });
});
