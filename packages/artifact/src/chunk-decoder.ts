import { constants, createGunzip, createZstdDecompress } from "node:zlib";

/**
 * One decoded piece of an archive, handed over synchronously. It is a view into a buffer the
 * decoder reuses: it stays valid until `RING_SPAN` more bytes have been handed over after it,
 * so a consumer may keep pieces of one small file or metadata record (at most that size) until
 * the record is complete, and must copy or write anything it keeps longer.
 */
export type ChunkListener = (chunk: Buffer) => void;

/** What decodes one compressed stream (or passes a bare tar through). */
export interface ChunkDecoder {
  /**
   * Decodes `input` (which the decoder does not keep) and hands every decoded byte to `emit`.
   * Returns false once the compressed stream has ended: any input after its end is ignored, as
   * node:zlib's streams ignore it.
   */
  write(input: Uint8Array, emit: ChunkListener): boolean;
  /** The input is over: hands out what is left, or throws if the stream is incomplete. */
  end(emit: ChunkListener): void;
  /** Compressed bytes the codec has consumed (for the ratio limit). */
  readonly consumed: number;
  close(): void;
}

/**
 * The decoding state node:zlib keeps per stream: `_handle.writeSync(flush, in, inOff, inLen,
 * out, outOff, outLen)` decodes synchronously into the caller's buffer and leaves
 * `[availOut, availIn]` in `_writeState`. This is the interface node:zlib's own synchronous
 * calls are built on (unchanged since Node 10 for zlib and used the same way for zstd); it is
 * not part of the documented API, so its presence is checked.
 */
interface ZlibInternals {
  readonly _handle?: {
    writeSync(
      flush: number,
      input: Uint8Array,
      inOff: number,
      inLen: number,
      out: Uint8Array,
      outOff: number,
      outLen: number,
    ): void;
  };
  readonly _writeState?: Uint32Array;
  readonly errored: Error | null;
  on(event: "error", listener: () => void): unknown;
  close(): void;
}

/**
 * A zstd or gzip decoder run synchronously on the calling thread into a ring of two reused
 * output buffers of `ringSize` bytes (see `ChunkListener`). node:zlib's streams allocate a fresh
 * output buffer per chunk and run each chunk on the thread pool: for a 1 GiB artifact that is a
 * GiB of short-lived external memory, which V8 reclaims only every ~64 MiB, and a thread hand-off
 * per MiB. Decoding is cheap next to writing the files it produces (an incompressible frame is a
 * copy), so doing it in place costs less than handing it off. Undefined when this Node's
 * node:zlib has no synchronous handle (see `ZlibInternals`).
 */
export function createChunkDecoder(
  format: "zstd" | "gzip",
  ringSize: number,
): ChunkDecoder | undefined {
  const stream = (format === "zstd"
    ? createZstdDecompress()
    : createGunzip()) as unknown as ZlibInternals;
  const handle = stream._handle;
  const state = stream._writeState;
  if (handle === undefined || typeof handle.writeSync !== "function" || state === undefined) {
    // Not this Node's zlib: the caller decodes with the documented stream instead.
    stream.close();
    return undefined;
  }
  // A codec error is thrown from `write`; the stream's own asynchronous 'error' event is noise.
  stream.on("error", () => undefined);
  const flushes =
    format === "zstd"
      ? { run: constants.ZSTD_e_continue, finish: constants.ZSTD_e_end }
      : { run: constants.Z_NO_FLUSH, finish: constants.Z_FINISH };
  const ring = [Buffer.allocUnsafe(ringSize), Buffer.allocUnsafe(ringSize)];
  let turn = 0;
  let out = ring[0] as Buffer;
  let outPos = 0;
  let consumed = 0;
  let ended = false;

  /** One pass over `input`; returns false once the stream has ended. */
  const run = (flush: number, input: Uint8Array, emit: ChunkListener): boolean => {
    let off = 0;
    let len = input.length;
    for (;;) {
      if (outPos === out.length) {
        turn ^= 1;
        out = ring[turn] as Buffer;
        outPos = 0;
      }
      const room = out.length - outPos;
      handle.writeSync(flush, input, off, len, out, outPos, room);
      if (stream.errored !== null) throw stream.errored;
      const availOut = state[0] ?? 0;
      const availIn = state[1] ?? 0;
      consumed += len - availIn;
      off += len - availIn;
      len = availIn;
      const produced = room - availOut;
      if (produced > 0) {
        const chunk = out.subarray(outPos, outPos + produced);
        outPos += produced;
        emit(chunk);
      }
      if (availOut === 0) continue; // the output filled up: more may be pending
      // Output room left over with input unread: the compressed stream has ended.
      return availIn === 0;
    }
  };

  return {
    write(input, emit) {
      if (ended) return false;
      if (!run(flushes.run, input, emit)) ended = true;
      return !ended;
    },
    end(emit) {
      if (ended) return;
      ended = true;
      run(flushes.finish, EMPTY, emit);
    },
    get consumed() {
      return consumed;
    },
    close() {
      stream.close();
    },
  };
}

/** A bare tar: the input is the output (views of the caller's buffers, same lifetime rules). */
export function passThroughDecoder(): ChunkDecoder {
  let consumed = 0;
  return {
    write(input, emit) {
      consumed += input.length;
      if (input.length > 0) emit(Buffer.from(input.buffer, input.byteOffset, input.length));
      return true;
    },
    end() {
      // nothing is held back
    },
    get consumed() {
      return consumed;
    },
    close() {
      // nothing to release
    },
  };
}

const EMPTY = new Uint8Array(0);
