import { readFileSync, statSync } from "node:fs";
import { lstat, readlink } from "node:fs/promises";
import { join } from "node:path";

import type * as Artifact from "@turbine/artifact";
import { describeError } from "@turbine/errors";

import { CacheError } from "./cache-error.js";
import type { EntryPath } from "./manifest-disk.js";
import { manifestKey } from "./manifest-disk.js";

/** A packed artifact file and its entries in archive order. */
export interface Packed {
  size: number;
  entries: EntryPath[];
}

/** A restore's entries in archive order and how many were actually written. */
export interface Restored {
  entries: EntryPath[];
  written: number;
}

/**
 * Artifact files up to this size are read whole and restored in memory (no staging directory,
 * no streams); larger ones are streamed, which decodes on the thread pool while the main thread
 * writes files, and wins once decoding costs more than a stage (about a millisecond). Task
 * outputs are mostly a few KiB compressed.
 */
const READ_WHOLE_MAX = 1024 * 1024;

/**
 * Milliseconds of file creation on the main thread after which restores get a commit thread. A
 * thread costs ~55 ms of CPU to start on a small VM; creating files right after outputs were
 * deleted costs up to ~0.5 ms a restore (ext4 skips recently freed inodes), on a quiet disk a
 * tenth of that. So a run whose restores are cheap never starts it, and one whose restores are
 * slow starts it after a few dozen.
 */
const LOCAL_COMMIT_BUDGET_MS = 10;

/**
 * The cache's side of `@turbine/artifact`. The package is loaded on the first pack or restore (a
 * fully cached run whose outputs are in place never opens an archive and skips its start-up
 * cost) and then kept: a dynamic `import()` per restore is a module-loader round trip each time.
 */
export class ArtifactIo {
  #module: Promise<typeof Artifact> | undefined;
  #worker: Artifact.CommitWorker | undefined;

  /**
   * Packs `paths` (anchored at `anchor`) into `dest` through `@turbine/artifact`, and records
   * each entry's kind in archive order for the manifest.
   */
  async packToFile(anchor: string, paths: readonly string[], dest: string): Promise<Packed> {
    try {
      const { sortPaths, writeArtifactFile } = await this.#artifact();
      const { size } = await writeArtifactFile({ anchor, paths }, dest);
      const entries: EntryPath[] = [];
      for (const path of sortPaths(paths.map(manifestKey))) {
        entries.push(await entryKind(anchor, path));
      }
      return { size, entries };
    } catch (error) {
      throw new CacheError(
        "ERR_CACHE_PACK_FAILED",
        `could not pack ${String(paths.length)} output path(s) under ${anchor}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  /**
   * Restores the artifact file at `path` into `anchor`; `skip` names files already in place.
   * `size`, when the caller has just stat'ed the file, saves another stat.
   */
  async restoreFromFile(
    path: string,
    anchor: string,
    skip?: (path: string) => boolean,
    size: number = statSync(path).size,
  ): Promise<Restored> {
    const { CommitWorker, restoreArtifact } = await this.#artifact();
    // Its thread starts once this run's commits have cost LOCAL_COMMIT_BUDGET_MS on this one;
    // from then on a run that restores many tasks creates their files on a second core (no
    // restore ever waits for it to start).
    const worker = (this.#worker ??= new CommitWorker({ startAfterMs: LOCAL_COMMIT_BUDGET_MS }));
    const options = {
      anchor,
      worker,
      ...(skip === undefined ? {} : { skip: (p: string) => skip(p) }),
    };
    const source = size <= READ_WHOLE_MAX ? readFileSync(path) : { file: path };
    const result = await restoreArtifact(source, options);
    const entries = result.entries.map((e) => ({
      path: e.path,
      type: e.type,
      linkTarget: e.linkTarget,
    }));
    return { entries, written: result.written };
  }

  /**
   * What a remote download's first bytes must look like (an artifact's magic: zstd, or gzip from
   * older turbo). Loads `@turbine/artifact`, which the download is about to need anyway.
   */
  async headCheck(): Promise<{ bytes: number; test: (head: Uint8Array) => boolean }> {
    const { ARTIFACT_MAGIC_BYTES, isCompressedArtifact } = await this.#artifact();
    return { bytes: ARTIFACT_MAGIC_BYTES, test: isCompressedArtifact };
  }

  /** Stops the commit worker, if one was started. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.close();
  }

  #artifact(): Promise<typeof Artifact> {
    this.#module ??= import("@turbine/artifact");
    return this.#module;
  }
}

async function entryKind(anchor: string, path: string): Promise<EntryPath> {
  const stat = await lstat(join(anchor, path));
  if (stat.isSymbolicLink()) {
    return { path, type: "symlink", linkTarget: await readlink(join(anchor, path)) };
  }
  return { path, type: stat.isDirectory() ? "directory" : "file" };
}
