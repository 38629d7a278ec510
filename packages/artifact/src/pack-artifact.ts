import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { pipeline as pipelineAsync } from "node:stream/promises";
import { constants, createZstdCompress, type ZstdOptions } from "node:zlib";

import { type PackOptions, packTar } from "./pack-tar.js";

/** zstd level turbo uses (`zstd::Encoder::new(w, 0)` = the library default, 3). */
export const ZSTD_LEVEL = 3;

const ZSTD_OPTIONS: ZstdOptions & { writableHighWaterMark: number } = {
  params: {
    [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL,
    [constants.ZSTD_c_checksumFlag]: 0,
  },
  chunkSize: 256 * 1024,
  // Room for a few input chunks, so the tar producer and the compressor (thread pool) overlap.
  writableHighWaterMark: 1024 * 1024,
};

/**
 * The artifact: one zstd frame (level 3, no checksum) around the tar of `packTar`. Streams; the
 * whole archive is never held in memory. Errors (missing path, FIFO, ...) destroy the stream.
 */
export function packArtifact(options: PackOptions): Readable {
  const zstd = createZstdCompress(ZSTD_OPTIONS);
  pipeline(packTar(options), zstd, () => undefined); // an error destroys `zstd` with it
  return zstd;
}

/**
 * Packs into `destPath` atomically: writes `<destPath>.<random>.tmp` beside it, then renames.
 * A failure leaves no file behind.
 */
export async function writeArtifactFile(
  options: PackOptions,
  destPath: string,
): Promise<{ size: number }> {
  const tmp = path.join(
    path.dirname(destPath),
    `.${path.basename(destPath)}.${process.getBuiltinModule("node:crypto").randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    await pipelineAsync(packArtifact(options), createWriteStream(tmp, { flags: "wx" }));
    const { size } = await stat(tmp);
    await rename(tmp, destPath);
    return { size };
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
