import path from "node:path";
import { Readable } from "node:stream";

import { ArchiveModel } from "./archive-model.js";
import type { ArtifactEntry } from "./artifact-entry.js";
import { commit } from "./commit.js";
import type { SkipExisting } from "./commit-plan.js";
import type { CommitWorker } from "./commit-worker.js";
import { type ArtifactSource, decodeArtifact, decodeInMemory } from "./decompress.js";
import { commitInPlace } from "./direct-commit.js";
import { checkEntryPath } from "./entry-path.js";
import { MemorySink } from "./memory-sink.js";
import { resolveLimits, type RestoreLimits } from "./restore-limits.js";
import { buildTree } from "./restore-tree.js";
import { Stage } from "./stage.js";
import { GATHER_MAX, StagingSink } from "./staging-sink.js";
import { planLinks } from "./symlink-plan.js";
import { TarParser } from "./tar-parser.js";

export interface RestoreOptions {
  /** Absolute directory entries are restored under (the repo root for turbo artifacts). */
  readonly anchor: string;
  readonly limits?: Partial<RestoreLimits>;
  /**
   * Optional anchor-relative directories every entry must lie in (e.g. the task's package
   * directory); an entry elsewhere is ERR_ARTIFACT_OUT_OF_SCOPE. Turbo has no such check: an
   * artifact may write anywhere under the repo root. Symlink targets are not scoped.
   */
  readonly scope?: readonly string[];
  /**
   * Optional hook for a manifest-aware restore: called for each file entry whose destination
   * already exists as a regular file; return true to leave that file as it is.
   */
  readonly skip?: SkipExisting;
  /**
   * Optional thread for the file-system steps of an in-memory restore: when it can take the job,
   * the files are created there while this thread goes on (see `CommitWorker`). Same rules, same
   * errors; without it, or while it is busy or starting, the steps run on this thread.
   */
  readonly worker?: CommitWorker;
}

export interface RestoreResult {
  /** Every entry in archive order (a path repeated in the archive is listed once, last wins). */
  readonly entries: readonly ArtifactEntry[];
  /** Files left untouched because `skip` said they already match. */
  readonly skipped: readonly string[];
  /** Entries actually written: `entries.length - skipped.length`. */
  readonly written: number;
}

function normaliseScope(scope: readonly string[] | undefined): string[] | undefined {
  if (scope === undefined) return undefined;
  return scope.map((dir) => {
    const check = checkEntryPath(dir);
    if (!check.ok) throw new TypeError(`restore scope ${JSON.stringify(dir)}: ${check.reason}`);
    return check.path;
  });
}

/** Pax and GNU long-name records are capped at this size (or `maxPathBytes` + 1 if larger). */
const META_MAX = 64 * 1024;

/**
 * An archive held in memory is restored without a staging directory when it decodes to at most
 * this many bytes; a larger one is streamed through a stage like any other source (decoding then
 * overlaps with the file writes, and memory stays bounded).
 */
export const IN_MEMORY_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Restores an artifact (zstd, gzip or bare tar) under `anchor`. `source` is a stream, an
 * `{ file }` to read (the cheapest for a large artifact: it is read into reused buffers), or the
 * whole artifact in memory. Every entry is validated before
 * anything is put in place, so a refused, truncated or corrupt archive throws an `ArtifactError`
 * and leaves the anchor as it was. A stream is staged file by file in a private directory inside
 * the anchor, then committed. Bytes already in memory (a `Uint8Array`, e.g. a local cache file
 * read whole) are decoded and validated in memory, then written in place with no stage, unless
 * they decode to more than `IN_MEMORY_MAX_BYTES`. See README "Restore" for the rules.
 */
export async function restoreArtifact(
  source: ArtifactSource | Uint8Array,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const limits = resolveLimits(options.limits);
  const anchor = path.resolve(options.anchor);
  const scope = normaliseScope(options.scope);
  if (source instanceof Uint8Array) {
    const tar = decodeInMemory(source, limits, IN_MEMORY_MAX_BYTES);
    if (tar !== undefined) {
      return restoreInMemory(tar, anchor, limits, scope, options.skip, options.worker);
    }
    return restoreStaged(Readable.from([source]), anchor, limits, scope, options.skip);
  }
  return restoreStaged(source, anchor, limits, scope, options.skip);
}

async function restoreInMemory(
  tar: Buffer,
  anchor: string,
  limits: RestoreLimits,
  scope: string[] | undefined,
  skip: SkipExisting | undefined,
  worker: CommitWorker | undefined,
): Promise<RestoreResult> {
  const model = new ArchiveModel(limits, anchor, scope);
  const sink = new MemorySink(model);
  const parser = new TarParser(sink, Math.max(META_MAX, limits.maxPathBytes + 1));
  parser.push(tar);
  parser.finish();
  const links = planLinks(model.links, anchor);
  const tree = buildTree(model.entries);
  const { skipped } = await commitInPlace(anchor, tree, links, sink.bodies, skip, worker);
  return { entries: model.entries, skipped, written: model.entries.length - skipped.length };
}

async function restoreStaged(
  source: ArtifactSource,
  anchor: string,
  limits: RestoreLimits,
  scope: string[] | undefined,
  skip: SkipExisting | undefined,
): Promise<RestoreResult> {
  const model = new ArchiveModel(limits, anchor, scope);
  const stage = await Stage.create(anchor);
  const sink = new StagingSink(model, stage);
  let committed = false;
  try {
    const metaMax = Math.max(META_MAX, limits.maxPathBytes + 1);
    const parser = new TarParser(sink, metaMax);
    // The sink gathers a small file's body, and the parser a metadata record, from pieces of
    // several chunks: the decoder keeps each piece valid for at least that long.
    await decodeArtifact(
      source,
      limits,
      (chunk) => {
        parser.push(chunk);
      },
      Math.max(GATHER_MAX, metaMax),
    );
    parser.finish();
    sink.finish();
    const links = planLinks(model.links, anchor);
    const tree = buildTree(model.entries);
    const { skipped } = await commit(anchor, stage, tree, links, skip);
    committed = true;
    return { entries: model.entries, skipped, written: model.entries.length - skipped.length };
  } finally {
    if (!committed) {
      try {
        sink.finish();
      } catch {
        // the restore already failed; its error is the one to report
      }
    }
    await stage.remove();
  }
}
