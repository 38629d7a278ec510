import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createZstdDecompress, gunzipSync, zstdDecompressSync } from "node:zlib";

import { refused } from "./artifact-error.js";
import {
  type ChunkDecoder,
  type ChunkListener,
  createChunkDecoder,
  passThroughDecoder,
} from "./chunk-decoder.js";
import type { RestoreLimits } from "./restore-limits.js";

/** An artifact file, read by the restore itself (into reused buffers: memory stays flat). */
export interface ArtifactFile {
  readonly file: string;
}

export type ArtifactSource = Readable | AsyncIterable<Uint8Array> | ArtifactFile;

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const GZIP_MAGIC = [0x1f, 0x8b];

/** How many leading bytes `isCompressedArtifact` needs. */
export const ARTIFACT_MAGIC_BYTES = ZSTD_MAGIC.length;

/**
 * Whether bytes can begin a compressed artifact: zstd (turbo 2.x) or gzip (older turbo). What a
 * remote cache serves is always compressed, so a download is judged by its first 4 bytes.
 */
export function isCompressedArtifact(head: Uint8Array): boolean {
  return startsWith(head, ZSTD_MAGIC) || startsWith(head, GZIP_MAGIC);
}
/** Bytes read from an artifact file at a time, and the size of each decoder output buffer. */
const CHUNK = 1024 * 1024;
/** A bare tar is recognised by `ustar` at offset 257: the sniff needs this much. */
const SNIFF_BYTES = 263;

/**
 * Decodes an artifact, handing each decoded piece to `onChunk` synchronously (a view that stays
 * valid for `span` more bytes: see `ChunkListener`; `span` is at least 1 MiB). The format is
 * sniffed from the magic bytes: zstd (turbo 2.x), gzip (older turbo) or a bare tar (`ustar` at
 * offset 257). Enforces `maxTotalBytes` and the decompression ratio as bytes come out, so a bomb
 * stops early. Codec errors map to ERR_ARTIFACT_TRUNCATED / _CORRUPT. Memory is a few MiB,
 * whatever the artifact's size: an artifact file is read into two reused buffers and decoded
 * into two more (streams' chunks are used as they come).
 */
export async function decodeArtifact(
  source: ArtifactSource,
  limits: RestoreLimits,
  onChunk: ChunkListener,
  span = CHUNK,
): Promise<void> {
  const size = Math.max(CHUNK, span);
  const input: AsyncIterator<Uint8Array, unknown> = isFile(source)
    ? readRing(source.file, size)
    : (source[Symbol.asyncIterator]() as AsyncIterator<Uint8Array, unknown>);
  let decoder: ChunkDecoder | undefined;
  const streamed = { fed: 0 };
  let total = 0;
  const emit: ChunkListener = (chunk) => {
    total += chunk.length;
    if (total > limits.maxTotalBytes) throw overTotal(limits);
    const consumed = decoder?.consumed ?? streamed.fed;
    if (total > limits.ratioFloorBytes && total > consumed * limits.maxRatio) {
      throw overRatio(limits);
    }
    onChunk(chunk);
  };
  try {
    let head: Uint8Array = EMPTY;
    let ended = false;
    for (;;) {
      const r = await input.next();
      if (r.done === true) {
        ended = true;
        break;
      }
      head = head.length === 0 ? r.value : Buffer.concat([head, r.value]);
      if (head.length >= SNIFF_BYTES) break;
    }
    // Shorter than a sniff: whatever it is, it is decoded (and refused) as such.
    const format = sniff(head);
    decoder = decoderFor(format, size);
    if (decoder === undefined) {
      await decodeStreamed(
        format as "zstd" | "gzip",
        head,
        ended ? undefined : input,
        emit,
        streamed,
      );
      return;
    }
    let more = decoder.write(head, emit);
    while (more && !ended) {
      const r = await input.next();
      if (r.done === true) break;
      more = decoder.write(r.value, emit);
    }
    decoder.end(emit);
  } catch (error) {
    throw codecError(error);
  } finally {
    decoder?.close();
    if (isReadable(source)) source.destroy();
    await input.return?.();
  }
}

function decoderFor(format: "zstd" | "gzip" | "tar", ringSize: number): ChunkDecoder | undefined {
  return format === "tar" ? passThroughDecoder() : createChunkDecoder(format, ringSize);
}

/**
 * The documented way to decode, node:zlib's stream (on the thread pool), for a Node whose zlib
 * has no synchronous handle (`createChunkDecoder`). Every decoded chunk is a fresh buffer, so
 * the listener's lifetime rule holds; input chunks are copied, as the file ring reuses them.
 * `counter.fed` is the compressed bytes handed to the codec, for the ratio limit.
 */
async function decodeStreamed(
  format: "zstd" | "gzip",
  first: Uint8Array,
  rest: AsyncIterator<Uint8Array, unknown> | undefined,
  emit: ChunkListener,
  counter: { fed: number },
): Promise<void> {
  async function* compressed(): AsyncGenerator<Buffer, undefined> {
    counter.fed += first.length;
    yield Buffer.from(first);
    for (;;) {
      const r = await rest?.next();
      if (r === undefined || r.done === true) return undefined;
      counter.fed += r.value.length;
      yield Buffer.from(r.value);
    }
  }
  await pipeline(
    compressed,
    format === "zstd" ? createZstdDecompress() : createGunzip(),
    async (decoded: AsyncIterable<Buffer>) => {
      for await (const chunk of decoded) emit(chunk);
    },
  );
}

/**
 * An artifact file in chunks of `size`, read alternately into two buffers: a chunk is
 * overwritten only after the next one has been read and handed over (see `ChunkListener`).
 */
async function* readRing(file: string, size: number): AsyncGenerator<Buffer, undefined> {
  const handle = await open(file, "r");
  try {
    const ring = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
    for (let turn = 0; ; turn ^= 1) {
      const buffer = ring[turn] as Buffer;
      const { bytesRead } = await handle.read(buffer, 0, size, null);
      if (bytesRead === 0) return undefined;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Bounds of the codec's output chunk in `decodeInMemory`. */
const OUTPUT_CHUNK_MIN = 4 * 1024;
const OUTPUT_CHUNK_MAX = 1024 * 1024;

/**
 * Decodes a whole artifact held in memory, synchronously, under the same caps as
 * `decodeArtifact`: `maxTotalBytes`, and the ratio once past `ratioFloorBytes`. Returns
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

function isFile(source: ArtifactSource): source is ArtifactFile {
  return typeof (source as Partial<ArtifactFile>).file === "string";
}

const EMPTY = new Uint8Array(0);

function startsWith(buf: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}
