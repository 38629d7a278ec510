import { closeSync, openSync, writeSync, writevSync } from "node:fs";

/**
 * Writes one small file of a stage in three system calls: open, write(v), close. Synchronous on
 * purpose: for files of a few KiB a thread-pool round trip costs more than the write, and the
 * caller handles one decompressed chunk (at most 1 MiB) between yields to the event loop, so the
 * loop is never held for long. (An in-place commit writes its files in `commit-ops.ts`.)
 */
export function writeSmallFile(file: string, parts: readonly Buffer[], mode: number): void {
  const fd = openSync(file, "w", mode);
  try {
    writeAllSync(fd, parts);
  } finally {
    closeSync(fd);
  }
}

/**
 * An open file written strictly in order, one `write(2)` per decompressed chunk (for bodies too
 * large to gather). Synchronous too: a chunk is at most 1 MiB, which the kernel copies in well
 * under a millisecond, while a thread-pool round trip per chunk would double the hand-offs
 * between threads that the decompressor already pays.
 */
export class StreamedFile {
  #fd: number;

  constructor(file: string, mode: number) {
    this.#fd = openSync(file, "w", mode);
  }

  write(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) off += writeSync(this.#fd, chunk, off, chunk.length - off);
  }

  /** Idempotent. */
  close(): void {
    if (this.#fd === -1) return;
    const fd = this.#fd;
    this.#fd = -1;
    closeSync(fd);
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
