import type { CacheError } from "./cache-error.js";
import type { EvictionReport } from "./eviction/eviction-report.js";

/** Where a hit came from, spelled as turbo's analytics events spell it. */
export type CacheSource = "LOCAL" | "REMOTE";

/** A successful fetch: the entry's outputs are now under the repo root. */
export interface CacheHit {
  source: CacheSource;
  /** Time the hit saves in ms: meta duration (local) or `x-artifact-duration` (remote, 0 if absent). */
  durationMs: number;
  /** Every path of the entry, anchored at the repo root, in archive order, no trailing `/`. */
  files: readonly string[];
  /** How many entries were written; 0 when the manifest showed every file already in place. */
  written: number;
  /** A local hit's meta.json `sha` and `dirty_hash` (a run summary reports them). */
  sha?: string | null;
  dirtyHash?: string | null;
}

/** What `exists` knows without restoring anything. */
export interface CacheExists {
  source: CacheSource;
  durationMs: number;
  /** A local entry's meta.json fields, so a `--dry` summary need not read it again. */
  sha?: string | null;
  dirtyHash?: string | null;
}

/** The outputs of one task to store under its hash. */
export interface PutInput {
  /** Directory the paths are relative to; defaults to the repo root (turbo always anchors there). */
  anchor?: string;
  /** Anchored `/`-separated paths: the log file and every matched output file, dir and symlink. */
  paths: readonly string[];
  /** Task wall time in ms. */
  durationMs: number;
  /** Git HEAD commit; defaults to the cache's `gitState`. */
  sha?: string | null;
  /** Dirty worktree hash; defaults to the cache's `gitState`. */
  dirtyHash?: string | null;
}

/**
 * What `put` did on each side. `failed`: the artifact could not be packed (both sides), or the
 * local entry could not be written (the upload still goes ahead from a spool in `tempDir`);
 * `error` says why.
 */
export interface PutResult {
  local: "written" | "disabled" | "failed";
  remote: "queued" | "disabled" | "failed";
  /** Size of the artifact in bytes (0 when it could not be packed). */
  size: number;
  /** Why a side failed: `ERR_CACHE_PACK_FAILED` or `ERR_CACHE_LOCAL_WRITE`. */
  error?: CacheError;
}

/** Local git state recorded in meta.json and sent with uploads. */
export interface GitState {
  sha: string | null;
  dirtyHash: string | null;
}

/** The fetch/put face every cache implementation offers (local store, multiplexer). */
export interface ArtifactCache {
  fetch(hash: string): Promise<CacheHit | undefined>;
  exists(hash: string): Promise<CacheExists | undefined>;
  put(hash: string, input: PutInput): Promise<PutResult>;
  /** Waits for background work (uploads) queued so far. */
  flush(): Promise<void>;
  /** Waits for background work and refuses further puts. */
  close(): Promise<void>;
}

/** Things that went wrong without failing anything: the build goes on, a runner may show them. */
export type CacheWarningCode =
  | "WARN_CACHE_LOCAL_READ"
  | "WARN_CACHE_LOCAL_INSTALL"
  | "WARN_CACHE_REMOTE_FETCH"
  | "WARN_CACHE_REMOTE_RESTORE"
  | "WARN_CACHE_REMOTE_EXISTS"
  | "WARN_CACHE_REMOTE_PUT";

/** Typed events a cache emits; it never writes to the console. */
export type CacheEvent =
  | {
      type: "lookup";
      source: CacheSource;
      event: "HIT" | "MISS";
      hash: string;
      durationMs: number;
    }
  | { type: "uploaded"; hash: string; size: number }
  | { type: "upload-skipped"; hash: string; reason: string }
  /** What `close()` evicted from the local store. */
  | { type: "eviction"; report: EvictionReport }
  | { type: "warning"; code: CacheWarningCode; hash?: string; message: string; cause?: unknown };

export type CacheEventListener = (event: CacheEvent) => void;
