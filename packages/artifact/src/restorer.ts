import { readFileSync, statSync } from "node:fs";

import type { SkipExisting } from "./commit-plan.js";
import { CommitWorker } from "./commit-worker.js";
import { restoreArtifact, type RestoreResult } from "./restore-artifact.js";

/**
 * Artifact files up to this size are read whole and restored in memory (no staging directory,
 * no streams); larger ones are streamed, which decodes on the thread pool while the main thread
 * writes files, and wins once decoding costs more than a stage (about a millisecond). Task
 * outputs are mostly a few KiB compressed.
 */
export const READ_WHOLE_MAX_BYTES = 1024 * 1024;

/**
 * Milliseconds of file creation on the caller's thread after which restores get a commit thread.
 * A thread costs ~55 ms of CPU to start on a small VM; creating files right after outputs were
 * deleted costs up to ~0.5 ms a restore (ext4 skips recently freed inodes), on a quiet disk a
 * tenth of that. So a run whose restores are cheap never starts it, and one whose restores are
 * slow starts it after a few dozen.
 */
export const COMMIT_THREAD_AFTER_MS = 10;

export interface RestorerOptions {
  /** Files up to this many bytes are read whole and restored in memory; default 1 MiB. */
  readonly readWholeMaxBytes?: number;
  /**
   * Milliseconds of commits on the caller's thread before the commit thread starts (default 10;
   * 0 starts it at once). No restore ever waits for it to start.
   */
  readonly commitThreadAfterMs?: number;
}

export interface RestoreFileOptions {
  /** Absolute directory entries are restored under. */
  readonly anchor: string;
  /** Files already in place (see `RestoreOptions.skip`). */
  readonly skip?: SkipExisting;
  /** The file's size, when the caller has just stat'ed it. */
  readonly size?: number;
}

/**
 * How a series of artifact files is restored, owned in one place: small files are read whole
 * and restored in memory, large ones streamed from disk, and once the series' commits have cost
 * `commitThreadAfterMs` on the caller's thread, a `CommitWorker` creates the files of later ones
 * on a second core. Decoding uses node:zlib's synchronous handle where it has one and the
 * documented stream where it does not (`createChunkDecoder`). `close()` stops the thread.
 */
export class Restorer {
  readonly #readWholeMax: number;
  readonly #worker: CommitWorker;

  constructor(options: RestorerOptions = {}) {
    this.#readWholeMax = options.readWholeMaxBytes ?? READ_WHOLE_MAX_BYTES;
    this.#worker = new CommitWorker({
      startAfterMs: options.commitThreadAfterMs ?? COMMIT_THREAD_AFTER_MS,
    });
  }

  /** Restores the artifact file at `path` (see `restoreArtifact` for the rules and errors). */
  restoreFile(path: string, options: RestoreFileOptions): Promise<RestoreResult> {
    const size = options.size ?? statSync(path).size;
    const source = size <= this.#readWholeMax ? readFileSync(path) : { file: path };
    return restoreArtifact(source, {
      anchor: options.anchor,
      worker: this.#worker,
      ...(options.skip === undefined ? {} : { skip: options.skip }),
    });
  }

  /** Stops the commit thread, if it was started. */
  close(): Promise<void> {
    return this.#worker.close();
  }
}
