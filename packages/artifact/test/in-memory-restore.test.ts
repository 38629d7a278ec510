import { mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

import { IN_MEMORY_MAX_BYTES, restoreArtifact } from "@turbine/artifact/internal";
import { rawRecord, rawTar, snapshot, zst } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { restoreFrom, type SourceKind, SOURCES } from "./helpers/restore-helpers.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

async function dirs(): Promise<{ anchor: string; sentinel: string }> {
  const base = await tempDir();
  const anchor = path.join(base, "repo");
  const sentinel = path.join(base, "outside");
  await mkdir(path.join(anchor, "packages/b/dist"), { recursive: true });
  await mkdir(sentinel);
  await writeFile(path.join(sentinel, "keep.txt"), "sentinel\n");
  return { anchor, sentinel };
}

const file = (name: string, body = "new\n") => ({ name, type: "0", body });
const link = (name: string, linkname: string) => ({ name, type: "2", linkname });

describe.each(Object.keys(SOURCES) as SourceKind[])("replacing what is on disk (%s)", (kind) => {
  it("replaces a link at a file's destination instead of writing through it", async () => {
    const d = await dirs();
    const dest = path.join(d.anchor, "packages/b/dist/index.js");
    await symlink(path.join(d.sentinel, "keep.txt"), dest);
    const before = await snapshot(d.sentinel);
    await restoreFrom(kind, zst(rawTar([file("packages/b/dist/index.js")])), {
      anchor: d.anchor,
    });
    expect(await readFile(dest, "utf8")).toBe("new\n");
    expect((await stat(dest)).isFile()).toBe(true);
    expect(await snapshot(d.sentinel)).toEqual(before);
  });

  it("replaces an existing file and an existing link, leaving no temporary file behind", async () => {
    const d = await dirs();
    const dist = path.join(d.anchor, "packages/b/dist");
    await writeFile(path.join(dist, "index.js"), "old\n");
    await symlink("elsewhere", path.join(dist, "link"));
    const tar = rawTar([
      file("packages/b/dist/index.js"),
      link("packages/b/dist/link", "index.js"),
    ]);
    await restoreFrom(kind, zst(tar), { anchor: d.anchor });
    expect(await readFile(path.join(dist, "index.js"), "utf8")).toBe("new\n");
    expect(await readlink(path.join(dist, "link"))).toBe("index.js");
    expect((await readdir(dist)).sort()).toEqual(["index.js", "link"]);
    expect((await readdir(d.anchor)).sort()).toEqual(["packages"]);
  });

  it("creates a missing directory tree with the archive's modes", async () => {
    const d = await dirs();
    const tar = rawTar([
      { name: "packages/b/out/", type: "5", mode: 0o40750 },
      { ...file("packages/b/out/deep/x.sh"), mode: 0o100755 },
    ]);
    await restoreFrom(kind, zst(tar), { anchor: d.anchor });
    expect((await stat(path.join(d.anchor, "packages/b/out"))).mode & 0o777).toBe(0o750);
    expect((await stat(path.join(d.anchor, "packages/b/out/deep/x.sh"))).mode & 0o777).toBe(0o755);
  });
});

describe("bytes in memory", () => {
  it("are streamed through a stage when they decode to more than IN_MEMORY_MAX_BYTES", async () => {
    const d = await dirs();
    const size = IN_MEMORY_MAX_BYTES + 512;
    const tar = Buffer.concat([
      rawRecord({ name: "packages/b/dist/big.bin", type: "0", size }),
      Buffer.alloc(size),
      Buffer.alloc(1024),
    ]);
    const result = await restoreArtifact(zst(tar), {
      anchor: d.anchor,
      limits: { ratioFloorBytes: 2 * size },
    });
    expect(result.written).toBe(1);
    expect((await stat(path.join(d.anchor, "packages/b/dist/big.bin"))).size).toBe(size);
    expect((await readdir(d.anchor)).sort()).toEqual(["packages"]);
  });
});
