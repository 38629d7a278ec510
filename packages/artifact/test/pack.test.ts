import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { gzipSync, zstdCompressSync } from "node:zlib";

import { ArtifactError, writeArtifactFile } from "@turbine/artifact";
import { listArtifact, packTar, restoreArtifact } from "@turbine/artifact/internal";
import { describe, expect, it } from "vitest";

import { readWithNodeTar } from "./helpers/fixture-tree.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

async function packError(anchor: string, paths: string[]): Promise<ArtifactError> {
  const error = await buffer(packTar({ anchor, paths })).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArtifactError);
  return error as ArtifactError;
}

describe("packTar", () => {
  it("refuses a path that does not exist", async () => {
    const root = await tempDir();
    const error = await packError(root, ["missing.txt"]);
    expect(error.code).toBe("ERR_ARTIFACT_NOT_FOUND");
    expect(error.path).toBe("missing.txt");
  });

  it("refuses a FIFO like turbo (attempted to create unsupported file type)", async () => {
    const root = await tempDir();
    execFileSync("mkfifo", [path.join(root, "pipe")]);
    const error = await packError(root, ["pipe"]);
    expect(error.code).toBe("ERR_ARTIFACT_UNSUPPORTED_FILE");
    expect(error.message).toContain("attempted to create unsupported file type");
  });

  it.each([["../x"], ["/etc/passwd"], ["a/../../b"]])("refuses the input path %j", async (p) => {
    const root = await tempDir();
    expect((await packError(root, [p])).code).toMatch(/^ERR_ARTIFACT_(PATH_ESCAPE|ABSOLUTE_PATH)$/);
  });

  it("stores symlinks as links without following them, and does not descend directories", async () => {
    const root = await tempDir();
    await mkdir(path.join(root, "d/inner"), { recursive: true });
    await writeFile(path.join(root, "d/inner/f.txt"), "f");
    await symlink("/etc", path.join(root, "d/etc"));
    const entries = await readWithNodeTar(
      await buffer(packTar({ anchor: root, paths: ["d", "d/etc"] })),
    );
    expect(entries.map((e) => [e.path, e.type, e.linkpath])).toEqual([
      ["d", "Directory", ""],
      ["d/etc", "SymbolicLink", "/etc"],
    ]);
  });

  it("writes GNU long names (L) and long link targets (K) that node-tar and Turbine read back", async () => {
    const root = await tempDir();
    const longDir = "d".repeat(80);
    const longName = `${longDir}/${"ü".repeat(60)}.txt`;
    const longTarget = `${"t".repeat(150)}/x`;
    await mkdir(path.join(root, longDir));
    await writeFile(path.join(root, longName), "body");
    await symlink(longTarget, path.join(root, `${longDir}/l`));
    const tar = await buffer(packTar({ anchor: root, paths: [longDir, longName, `${longDir}/l`] }));
    const byNodeTar = await readWithNodeTar(tar);
    expect(byNodeTar.map((e) => [e.path, e.linkpath])).toEqual([
      [longDir, ""],
      [`${longDir}/l`, longTarget],
      [longName, ""],
    ]);
    const listed = await listArtifact(Readable.from([tar]));
    expect(listed.map((e) => [e.path, e.linkTarget])).toEqual([
      [longDir, undefined],
      [`${longDir}/l`, longTarget],
      [longName, undefined],
    ]);
  });

  it("round-trips a tree through pack and restore", async () => {
    const src = await tempDir();
    const dest = await tempDir();
    await mkdir(path.join(src, "out/sub"), { recursive: true });
    await writeFile(path.join(src, "out/big.bin"), Buffer.alloc(3 * 1024 * 1024, 7));
    await writeFile(path.join(src, "out/sub/s.txt"), "s", { mode: 0o600 });
    await symlink("sub/s.txt", path.join(src, "out/link"));
    const paths = ["out", "out/big.bin", "out/sub", "out/sub/s.txt", "out/link"];
    const artifact = path.join(src, "a.tar.zst");
    const { size } = await writeArtifactFile({ anchor: src, paths }, artifact);
    expect(size).toBeGreaterThan(0);
    expect((await readdir(src)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    const { createReadStream } = await import("node:fs");
    const result = await restoreArtifact(createReadStream(artifact), { anchor: dest });
    expect(result.entries.map((e) => e.path)).toEqual([
      "out",
      "out/big.bin",
      "out/link",
      "out/sub",
      "out/sub/s.txt",
    ]);
    const back = await readWithNodeTar(await buffer(packTar({ anchor: dest, paths })));
    const orig = await readWithNodeTar(await buffer(packTar({ anchor: src, paths })));
    expect(back).toEqual(orig);
  });

  it.each(["zstd", "gzip", "bare tar"] as const)(
    "restores files that straddle the decoder's reused buffers intact, from a file and a stream (%s)",
    async (format) => {
      const src = await tempDir();
      await mkdir(path.join(src, "out"));
      // Incompressible bodies of sizes around the 1 MiB buffers, so decoded chunks end inside
      // gathered small files (up to 1 MiB), inside streamed large ones and inside headers.
      const sizes = [700_000, 1024 * 1024, 300_001, 1024 * 1024 - 1, 5, 2_500_000, 1024 * 1024 + 1];
      const paths = ["out"];
      for (const [i, size] of sizes.entries()) {
        await writeFile(path.join(src, `out/f${String(i)}.bin`), randomBytes(size));
        paths.push(`out/f${String(i)}.bin`);
      }
      const tar = await buffer(packTar({ anchor: src, paths }));
      const bytes =
        format === "zstd" ? zstdCompressSync(tar) : format === "gzip" ? gzipSync(tar) : tar;
      const artifact = path.join(src, "a.bin");
      await writeFile(artifact, bytes);
      const original = await readWithNodeTar(tar);
      for (const source of [
        { file: artifact },
        Readable.from([bytes.subarray(0, 12345), bytes.subarray(12345)]),
      ]) {
        const dest = await tempDir();
        await restoreArtifact(source, { anchor: dest });
        expect(await readWithNodeTar(await buffer(packTar({ anchor: dest, paths })))).toEqual(
          original,
        );
      }
    },
  );

  it("leaves no file behind when writeArtifactFile fails", async () => {
    const root = await tempDir();
    const dest = path.join(root, "a.tar.zst");
    await expect(writeArtifactFile({ anchor: root, paths: ["nope"] }, dest)).rejects.toMatchObject({
      code: "ERR_ARTIFACT_NOT_FOUND",
    });
    expect(await readdir(root)).toEqual([]);
  });
});
