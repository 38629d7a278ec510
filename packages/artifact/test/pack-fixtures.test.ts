import { readFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { zstdDecompressSync } from "node:zlib";

import { listArtifact, packArtifact, packTar } from "@turbine/artifact/internal";
import { describe, expect, it } from "vitest";

import { readWithNodeTar, writeTree } from "./helpers/fixture-tree.js";
import { ARTIFACTS, REAL_HASHES } from "./helpers/paths.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

describe("packing reproduces turbo 2.11.13's tar byte for byte", () => {
  for (const hash of REAL_HASHES) {
    it(`repacks the tree of fixture ${hash} into the identical tar`, async () => {
      const expected = await readFile(path.join(ARTIFACTS, `${hash}.tar`));
      const entries = await readWithNodeTar(expected);
      const root = await tempDir();
      await writeTree(root, entries);
      // Reverse the order so the packer's own sort is what makes the bytes match.
      const paths = entries.map((e) => e.path).reverse();
      const actual = await buffer(packTar({ anchor: root, paths }));
      expect(actual.length).toBe(expected.length);
      expect(actual.equals(expected)).toBe(true);
    });
  }

  it("packs the same tree to the same zstd bytes twice, and they decompress to turbo's tar", async () => {
    const expected = await readFile(path.join(ARTIFACTS, "aabe90dc3b32242a.tar"));
    const entries = await readWithNodeTar(expected);
    const root = await tempDir();
    await writeTree(root, entries);
    const paths = entries.map((e) => e.path);
    const first = await buffer(packArtifact({ anchor: root, paths }));
    const second = await buffer(packArtifact({ anchor: root, paths }));
    expect(first.equals(second)).toBe(true);
    expect(first.subarray(0, 4).toString("hex")).toBe("28b52ffd");
    expect(zstdDecompressSync(first).equals(expected)).toBe(true);
  });

  it("lists a fixture's entries in archive order with modes and link targets", async () => {
    const zst = await readFile(path.join(ARTIFACTS, "aabe90dc3b32242a.tar.zst"));
    const listed = await listArtifact(Readable.from([zst]));
    expect(listed.map((e) => [e.path, e.type, e.mode.toString(8), e.size, e.linkTarget])).toEqual([
      ["packages/a/.turbo/turbo-build.log", "file", "644", 207, undefined],
      ["packages/a/dist", "directory", "755", 0, undefined],
      ["packages/a/dist/emptydir", "directory", "755", 0, undefined],
      ["packages/a/dist/index.js", "file", "755", 22, undefined],
      ["packages/a/dist/link.js", "symlink", "777", 0, "index.js"],
      ["packages/a/dist/sub", "directory", "755", 0, undefined],
      ["packages/a/dist/sub/data.txt", "file", "644", 13, undefined],
    ]);
  });
});
