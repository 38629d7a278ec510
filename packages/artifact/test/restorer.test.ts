import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createGunzip, createZstdDecompress, gzipSync } from "node:zlib";

import { ArtifactError, Restorer } from "@turbine/artifact";
import { restoreArtifact } from "@turbine/artifact/internal";
import { rawTar, zst } from "@turbine/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

/** The prototypes of node:zlib's zstd and gzip decoding handles, which hold `writeSync`. */
function decodingHandles(): object[] {
  return [createZstdDecompress(), createGunzip()].map((stream) => {
    const handle = (stream as unknown as { _handle: object })._handle;
    stream.close();
    return Object.getPrototypeOf(handle) as object;
  });
}

/** A few files, one of them past the restorer's read-whole size, so the file is streamed. */
function outputs(): { tar: Buffer; files: Record<string, Buffer> } {
  const files: Record<string, Buffer> = {
    "packages/a/dist/index.js": Buffer.from("built a\n"),
    "packages/a/dist/big.bin": randomBytes(3 * 1024 * 1024),
    "packages/a/dist/zeros.bin": Buffer.alloc(512 * 1024),
  };
  const tar = rawTar(
    Object.entries(files).map(([name, body]) => ({ name, type: "0" as const, body })),
  );
  return { tar, files };
}

async function expectRestored(anchor: string, files: Record<string, Buffer>): Promise<void> {
  for (const [name, body] of Object.entries(files)) {
    expect((await readFile(path.join(anchor, name))).equals(body), name).toBe(true);
  }
}

describe("Restorer", () => {
  it("restores small artifact files in memory and large ones streamed from disk", async () => {
    const dir = await tempDir();
    const restorer = new Restorer();
    try {
      const { tar, files } = outputs();
      const large = path.join(dir, "large.tar.zst");
      await writeFile(large, zst(tar));
      const small = path.join(dir, "small.tar.zst");
      await writeFile(small, zst(rawTar([{ name: "b/out.txt", type: "0", body: "b\n" }])));
      const anchor = await tempDir();
      expect((await restorer.restoreFile(large, { anchor })).written).toBe(3);
      expect((await restorer.restoreFile(small, { anchor })).written).toBe(1);
      await expectRestored(anchor, { ...files, "b/out.txt": Buffer.from("b\n") });
    } finally {
      await restorer.close();
    }
  });
});

describe("without node:zlib's undocumented _handle.writeSync", () => {
  const saved = new Map<object, unknown>();
  beforeEach(() => {
    for (const proto of decodingHandles()) {
      saved.set(proto, (proto as { writeSync?: unknown }).writeSync);
      (proto as { writeSync?: unknown }).writeSync = undefined;
    }
  });
  afterEach(() => {
    for (const [proto, writeSync] of saved)
      (proto as { writeSync?: unknown }).writeSync = writeSync;
    saved.clear();
  });

  // Compressed before the handles lose writeSync (gzipSync uses it too).
  const { tar, files } = outputs();
  const compressed = { zstd: zst(tar), gzip: gzipSync(tar) };

  it.each(["zstd", "gzip"] as const)(
    "restores a streamed %s artifact through the documented stream",
    async (format) => {
      const dir = await tempDir();
      const file = path.join(dir, "artifact.tar.z");
      await writeFile(file, compressed[format]);
      const anchor = await tempDir();
      const restorer = new Restorer();
      try {
        const result = await restorer.restoreFile(file, { anchor });
        expect(result.written).toBe(3);
      } finally {
        await restorer.close();
      }
      await expectRestored(anchor, files);
    },
  );

  it("still refuses an archive past the size limit and a truncated one", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "artifact.tar.zst");
    await writeFile(file, compressed.zstd);
    const anchor = await tempDir();
    const limited = restoreArtifact({ file }, { anchor, limits: { maxTotalBytes: 1024 * 1024 } });
    await expect(limited).rejects.toThrow(ArtifactError);
    await expect(limited).rejects.toMatchObject({ code: "ERR_ARTIFACT_LIMIT" });
    await writeFile(file, compressed.zstd.subarray(0, compressed.zstd.length - 100));
    const truncated = restoreArtifact({ file }, { anchor });
    await expect(truncated).rejects.toThrow(ArtifactError);
  });
});
