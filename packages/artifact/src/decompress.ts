import { PassThrough, type Readable, type Transform } from "node:stream";
import {
  createGunzip,
  createZstdDecompress,
  gunzipSync,
  type Zlib as ZlibBase,
  zstdDecompressSync,
} from "node:zlib";

import { refused } from "./artifact-error.js";
import type { RestoreLimits } from "./restore-limits.js";

export type ArtifactSource = Readable | AsyncIterable<Uint8Array>;

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const GZIP_MAGIC = [0x1f, 0x8b];
/**
 * 1 MiB output chunks, up to 2 of them decoded ahead on the thread pool while the caller is busy
 * with the current one, and up to 1 MiB of input queued so the decoder never waits on the feed
 * loop (bounded memory: a few MiB). Each chunk is one hand-off between threads; node:zlib's
 * default of 16 KiB costs a hand-off per 16 KiB.
 */
const CODEC_OPTIONS = {
  chunkSize: 1024 * 1024,
  readableHighWaterMark: 2 * 1024 * 1024,
  writableHighWaterMark: 1024 * 1024,
};
/** Input is written to the decoder in batches of at least this size (see `feed`). */
const FEED_BATCH = 1024 * 1024;

/**
 * Decompressed chunks of an artifact. The format is sniffed from the magic bytes: zstd (turbo
 * 2.x), gzip (older turbo) or a bare tar (`ustar` at offset 257). Enforces `maxTotalBytes` and the decompression ratio as bytes
 * come out, so a bomb stops early. Codec errors map to ERR_ARTIFACT_TRUNCATED / _CORRUPT.
 */
export async function* decompressArtifact(
  source: ArtifactSource,
  limits: RestoreLimits,
): AsyncGenerator<Buffer> {
  const input: AsyncIterator<Uint8Array> = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (head.length < 263) {
    const r = await input.next();
    if (r.done === true) break;
    head = Buffer.concat([head, r.value]);
  }
  const format = sniff(head);
  const decoder =
    format === "zstd"
      ? createZstdDecompress(CODEC_OPTIONS)
      : format === "gzip"
        ? createGunzip(CODEC_OPTIONS)
        : new PassThrough();
  let compressed = head.length;
  const feed = async (): Promise<void> => {
    // Small source chunks (fs streams default to 64 KiB) are joined into batches of FEED_BATCH:
    // each write is one decoding job on the thread pool, so fewer writes mean fewer hand-offs.
    let batch: Uint8Array[] = [head];
    let size = head.length;
    for (;;) {
      const r = await input.next();
      if (r.done === true || decoder.destroyed) break;
      compressed += r.value.length;
      batch.push(r.value);
      size += r.value.length;
      if (size < FEED_BATCH) continue;
      const ok = decoder.write(join(batch, size));
      batch = [];
      size = 0;
      if (!ok) await drained(decoder);
    }
    if (decoder.destroyed) return;
    if (size > 0) decoder.write(join(batch, size));
    decoder.end();
  };
  const feeding = feed().catch((error: unknown) => decoder.destroy(error as Error));
  let total = 0;
  try {
    for await (const chunk of decoder as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxTotalBytes) throw overTotal(limits);
      if (
        total > limits.ratioFloorBytes &&
        total > consumedBy(decoder, compressed) * limits.maxRatio
      ) {
        throw overRatio(limits);
      }
      yield chunk;
    }
  } catch (error) {
    throw codecError(error);
  } finally {
    decoder.destroy();
    if (isReadable(source)) {
      source.destroy();
      await feeding;
    } else {
      void input.return?.();
    }
  }
}

/** Bounds of the codec's output chunk in `decodeInMemory`. */
const OUTPUT_CHUNK_MIN = 4 * 1024;
const OUTPUT_CHUNK_MAX = 1024 * 1024;

/**
 * Decodes a whole artifact held in memory, synchronously, under the same caps as
 * `decompressArtifact`: `maxTotalBytes`, and the ratio once past `ratioFloorBytes`. Returns
 * undefined, without refusing, when the archive is within the caps but decodes to more than
 * `inMemoryMax` bytes: the caller streams it instead. A zstd or gzip decoder never allocates
 * past the bound, so a bomb costs at most that much memory.
 */
export function decodeInMemory(
  bytes: Uint8Array,
  limits: RestoreLimits,
  inMemoryMax: number,
): Buffer | undefined {
  const format = sniff(bytes);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cap = Math.min(
    limits.maxTotalBytes,
    Math.max(limits.ratioFloorBytes, input.length * limits.maxRatio),
  );
  const bound = Math.min(cap, inMemoryMax);
  if (format === "tar") {
    if (input.length > limits.maxTotalBytes) throw overTotal(limits);
    return input.length > inMemoryMax ? undefined : input;
  }
  try {
    // The codec's output buffer is allocated per call (16 KiB by default); a task's artifact is
    // often a few hundred bytes, so it is sized from the input (a larger output takes more chunks).
    const chunkSize = Math.min(OUTPUT_CHUNK_MAX, Math.max(OUTPUT_CHUNK_MIN, input.length * 16));
    const options = { maxOutputLength: Math.max(1, bound), chunkSize };
    return format === "zstd" ? zstdDecompressSync(input, options) : gunzipSync(input, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE") throw codecError(error);
    if (bound < cap) return undefined;
    throw cap === limits.maxTotalBytes ? overTotal(limits) : overRatio(limits);
  }
}

function sniff(head: Uint8Array): "zstd" | "gzip" | "tar" {
  if (head.length === 0) throw refused("ERR_ARTIFACT_TRUNCATED", "the artifact is empty");
  if (startsWith(head, ZSTD_MAGIC)) return "zstd";
  if (startsWith(head, GZIP_MAGIC)) return "gzip";
  if (
    Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("latin1", 257, 262) ===
    "ustar"
  ) {
    return "tar";
  }
  throw refused("ERR_ARTIFACT_CORRUPT", "the artifact is neither zstd, gzip nor tar");
}

function overTotal(limits: RestoreLimits): Error {
  return refused("ERR_ARTIFACT_LIMIT", `the archive exceeds ${limits.maxTotalBytes} bytes`);
}

function overRatio(limits: RestoreLimits): Error {
  return refused("ERR_ARTIFACT_LIMIT", `decompression ratio exceeds ${limits.maxRatio}:1`);
}

/**
 * Compressed bytes the codec has actually consumed (zlib's `bytesWritten`), not merely received
 * or queued, so the ratio is never flattered by input waiting in a buffer.
 */
function consumedBy(decoder: Transform, received: number): number {
  const n = (decoder as Partial<Pick<ZlibBase, "bytesWritten">>).bytesWritten;
  return typeof n === "number" ? Math.min(n, received) : received;
}

function join(parts: readonly Uint8Array[], size: number): Uint8Array {
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, size);
}

function drained(decoder: NodeJS.WritableStream & NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      decoder.off("drain", done);
      decoder.off("close", done);
      resolve();
    };
    decoder.on("drain", done);
    decoder.on("close", done);
  });
}

function codecError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || code.startsWith("ERR_ARTIFACT_")) return error;
  if (code === "Z_BUF_ERROR") {
    return refused("ERR_ARTIFACT_TRUNCATED", "the compressed stream ended early", {
      cause: error,
    });
  }
  if (code.startsWith("Z_") || code.startsWith("ZSTD_")) {
    return refused("ERR_ARTIFACT_CORRUPT", `the compressed stream is corrupt (${code})`, {
      cause: error,
    });
  }
  return error;
}

function isReadable(source: ArtifactSource): source is Readable {
  return typeof (source as Readable).destroy === "function";
}

function startsWith(buf: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}
