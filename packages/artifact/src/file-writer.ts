import { closeSync, openSync, writeSync, writevSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";

/**
 * Writes one small file in three system calls: open, write(v), close. Synchronous on purpose:
 * for files of a few KiB a thread-pool round trip costs more than the write, and the caller
 * handles one decompressed chunk (at most 64 KiB of files) between yields to the event loop,
 * so the loop is never held for long.
 */
export function writeSmallFile(file: string, parts: readonly Buffer[], mode: number): void {
  const fd = openSync(file, "w", mode);
  try {
    writeAllSync(fd, parts);
  } finally {
    closeSync(fd);
  }
}

/** An open file written strictly in order (for bodies too large to hold in memory). */
export class StreamedFile {
  readonly #handle: FileHandle;

  private constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  static async open(file: string, mode: number): Promise<StreamedFile> {
    return new StreamedFile(await open(file, "w", mode));
  }

  async write(chunk: Buffer): Promise<void> {
    let off = 0;
    while (off < chunk.length) {
      const { bytesWritten } = await this.#handle.write(chunk, off, chunk.length - off);
      off += bytesWritten;
    }
  }

  close(): Promise<void> {
    return this.#handle.close();
  }
}

/** write/writev until every byte is written (short writes resume where they stopped). */
function writeAllSync(fd: number, parts: readonly Buffer[]): void {
  let pending = parts.filter((b) => b.length > 0);
  while (pending.length > 0) {
    const first = pending[0] as Buffer;
    const n = pending.length === 1 ? writeSync(fd, first) : writevSync(fd, pending);
    pending = skipBytes(pending, n);
  }
}

function skipBytes(parts: readonly Buffer[], n: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = n;
  for (const b of parts) {
    if (skip >= b.length) {
      skip -= b.length;
      continue;
    }
    out.push(skip > 0 ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}
