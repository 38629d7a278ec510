import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import type { Packed } from "./artifact-io.js";
import { removeQuietly, stagingPath } from "./atomic-file.js";
import { assertValidHash, CacheError, localWriteError } from "./cache-error.js";
import { CacheEvents } from "./cache-events.js";
import { type CacheConfig, DEFAULT_CACHE_CONFIG } from "./config/cache-config.js";
import type { EvictionBudget } from "./eviction/eviction-budget.js";
import { RunEviction } from "./eviction/run-eviction.js";
import { touchArtifact } from "./eviction/touch-entry.js";
import { LocalCache } from "./local-cache.js";
import {
  discardDownload,
  fetchRemoteHit,
  type RemoteDownload,
  type RemoteHitContext,
  startDownload,
} from "./remote-hit.js";
import type { RemoteStore, RemoteUpload } from "./remote-store.js";
import type {
  ArtifactCache,
  CacheEventListener,
  CacheExists,
  CacheHit,
  GitState,
  PutInput,
  PutResult,
} from "./types.js";
import { UploadQueue } from "./upload-queue.js";

export interface CacheOptions {
  repoRoot: string;
  /** Local store; default `.turbo/cache`, relative paths resolve against the repo root. */
  cacheDir?: string;
  /** Default `local:rw,remote:rw` (remote sides only matter with a `remote`). */
  cacheConfig?: CacheConfig;
  /** The remote side, usually `@turbine/remote-cache`'s client; omitted means local only. */
  remote?: RemoteStore;
  /** Concurrent uploads (turbo `--cache-workers`); default 10. */
  cacheWorkers?: number;
  /** Local git state written into meta.json for remote hits and sent with uploads by default. */
  gitState?: GitState;
  /** Where downloads and spools go when local writes are off; default the OS temp dir. */
  tempDir?: string;
  onEvent?: CacheEventListener;
  /**
   * Local eviction for this cache's life (a run): a lease from now on, a scan on a worker when
   * one is due, eviction on `close()` (see `RunEviction`). Omitted: none. Only with local reads
   * or writes.
   */
  eviction?: { budget: EvictionBudget; graceMs?: number };
}

/**
 * The one cache face a runner uses: local store first, then remote, turbo's multiplexer order.
 * Remote trouble is a warning event and a miss, never an exception.
 */
export class Cache implements ArtifactCache {
  readonly #uploads: UploadQueue;
  readonly #downloads: UploadQueue;
  readonly #events: CacheEvents;
  readonly #eviction: RunEviction | undefined;
  /** Downloads started by `prefetch`, until their task's `fetch` takes them. */
  readonly #prefetched = new Map<string, RemoteDownload>();
  /** Ends prefetches nobody will take, on `close`. */
  readonly #prefetching = new AbortController();
  #closed = false;

  private constructor(
    readonly local: LocalCache,
    readonly config: CacheConfig,
    private readonly remote: RemoteStore | undefined,
    private readonly gitState: GitState,
    private readonly tempDir: string,
    workers: number,
    onEvent: CacheEventListener | undefined,
    eviction: RunEviction | undefined,
  ) {
    this.#uploads = new UploadQueue(workers);
    this.#downloads = new UploadQueue(workers);
    this.#events = new CacheEvents(onEvent, remote);
    this.#eviction = eviction;
  }

  static async create(options: CacheOptions): Promise<Cache> {
    const workers = options.cacheWorkers ?? 10;
    if (!Number.isInteger(workers) || workers < 1) {
      throw new CacheError(
        "ERR_CACHE_INVALID_CONFIG",
        `cacheWorkers must be a positive integer (got ${String(workers)})`,
      );
    }
    const local = await LocalCache.create(options);
    const config = options.cacheConfig ?? DEFAULT_CACHE_CONFIG;
    const usesLocal = config.local.read || config.local.write;
    return new Cache(
      local,
      config,
      options.remote,
      options.gitState ?? { sha: null, dirtyHash: null },
      resolve(options.tempDir ?? tmpdir()),
      workers,
      options.onEvent,
      options.eviction === undefined || !usesLocal
        ? undefined
        : new RunEviction({ cacheDir: local.cacheDir, ...options.eviction }),
    );
  }

  /** Uploads queued or running. */
  get pendingUploads(): number {
    return this.#uploads.pending;
  }

  /**
   * Restores `hash`: the local store first, then the remote (a download `prefetch` started, or a
   * new one). `signal` cancels a new download (a run being stopped): a miss.
   */
  async fetch(
    hash: string,
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<CacheHit | undefined> {
    assertValidHash(hash);
    const prefetched = this.#prefetched.get(hash);
    this.#prefetched.delete(hash);
    if (this.config.local.read) {
      touchArtifact(this.local.files(hash).artifact);
      const read = await this.local.read(hash);
      if (read.status === "hit") {
        this.#eviction?.noteHit(hash);
        this.#events.lookup("LOCAL", "HIT", hash, read.hit.durationMs);
        if (prefetched !== undefined) void discardDownload(prefetched);
        return read.hit;
      }
      if (read.status === "miss") this.#events.lookup("LOCAL", "MISS", hash, 0);
      else this.#events.warn("WARN_CACHE_LOCAL_READ", hash, `entry ${hash} unusable`, read.error);
    }
    const ctx = this.#remoteHit();
    if (ctx === undefined) return undefined;
    return fetchRemoteHit(ctx, hash, prefetched ?? startDownload(ctx, hash, options.signal));
  }

  /**
   * Starts downloading, in the background, the remote artifacts of `hashes` that the local store
   * does not have, at most `cacheWorkers` at a time and in the order given (a run's tasks in the
   * order they will run), as turbo fetches every task's artifact at once: a task whose
   * dependencies take long finds its artifact downloaded, and one slow remote answer no longer
   * adds up task after task. `fetch` takes the download; `close` ends and removes the rest.
   */
  prefetch(hashes: readonly string[]): void {
    const ctx = this.#remoteHit();
    if (ctx === undefined || this.#closed) return;
    for (const hash of hashes) {
      assertValidHash(hash);
      if (this.#prefetched.has(hash) || (this.config.local.read && this.local.has(hash))) continue;
      const signal = this.#prefetching.signal;
      let settle: (settled: Awaited<RemoteDownload>) => void = () => undefined;
      this.#prefetched.set(hash, new Promise((resolve) => (settle = resolve)));
      this.#downloads.push(async () => {
        settle(await startDownload(ctx, hash, signal));
      });
    }
  }

  #remoteHit(): RemoteHitContext | undefined {
    const remote = this.#remote("read");
    if (remote === undefined) return undefined;
    return {
      remote,
      local: this.local,
      keepLocally: this.config.local.write,
      tempDir: this.tempDir,
      gitState: this.gitState,
      events: this.#events,
    };
  }

  async exists(hash: string): Promise<CacheExists | undefined> {
    assertValidHash(hash);
    if (this.config.local.read) {
      const hit = await this.local.exists(hash);
      if (hit !== undefined) return hit;
    }
    const remote = this.#remote("read");
    if (remote === undefined) return undefined;
    try {
      const hit = await remote.exists(hash);
      return hit === undefined ? undefined : { source: "REMOTE", durationMs: hit.taskDurationMs };
    } catch (error) {
      this.#events.warn("WARN_CACHE_REMOTE_EXISTS", hash, `remote query of ${hash} failed`, error);
      return undefined;
    }
  }

  /**
   * `exists` for many hashes (a `--dry` summary): the local store first, then one remote query
   * for the rest (one `exists` each when the remote has no `query`).
   */
  async existsMany(hashes: readonly string[]): Promise<Map<string, CacheExists | undefined>> {
    const out = new Map<string, CacheExists | undefined>();
    for (const hash of hashes) {
      assertValidHash(hash);
      out.set(hash, this.config.local.read ? await this.local.exists(hash) : undefined);
    }
    const rest = hashes.filter((hash) => out.get(hash) === undefined);
    const remote = this.#remote("read");
    if (remote?.query === undefined || rest.length === 0) {
      for (const hash of rest) out.set(hash, await this.exists(hash));
      return out;
    }
    try {
      const found = await remote.query(rest);
      for (const hash of rest) {
        const hit = found.get(hash);
        out.set(hash, hit && { source: "REMOTE", durationMs: hit.taskDurationMs });
      }
    } catch (error) {
      this.#events.warn("WARN_CACHE_REMOTE_EXISTS", rest[0] ?? "", "remote query failed", error);
    }
    return out;
  }

  /**
   * Packs once into a spool (in the cache dir, or `tempDir` when local writes are off or the cache
   * dir cannot be written), installs it locally (`local:w`) and queues the same file for upload
   * (`remote:w`). Saving is best-effort: a pack or write failure is a value (`failed` sides and
   * the `error`), never a rejection, and a local write failure does not stop the upload.
   */
  async put(hash: string, input: PutInput): Promise<PutResult> {
    assertValidHash(hash);
    if (this.#closed) throw new CacheError("ERR_CACHE_CLOSED", `put(${hash}) after close()`);
    const remote = this.#remote("write");
    let local: PutResult["local"] = this.config.local.write ? "written" : "disabled";
    if (local === "disabled" && remote === undefined) {
      return { local, remote: "disabled", size: 0 };
    }
    const sha = input.sha === undefined ? this.gitState.sha : input.sha;
    const dirtyHash = input.dirtyHash === undefined ? this.gitState.dirtyHash : input.dirtyHash;
    let localError: CacheError | undefined;
    let spool: string;
    try {
      spool = await this.#spool(hash, local === "written");
    } catch (error) {
      localError = localWriteError(hash, this.local.cacheDir, error);
      local = "failed";
      if (remote === undefined) return { local, remote: "disabled", size: 0, error: localError };
      spool = await this.#spool(hash, false);
    }
    let packed: Packed;
    try {
      packed = await this.local.io.packToFile(
        input.anchor ?? this.local.repoRoot,
        input.paths,
        spool,
      );
    } catch (error) {
      await removeQuietly(spool);
      const failed = error instanceof CacheError ? error : localWriteError(hash, spool, error);
      return {
        local: local === "disabled" ? local : "failed",
        remote: remote === undefined ? "disabled" : "failed",
        size: 0,
        error: failed,
      };
    }
    const { size } = packed;
    if (local === "written") {
      const meta = { hash, durationMs: input.durationMs, sha, dirtyHash };
      const mode = remote === undefined ? "move" : "copy";
      try {
        await this.local.install(hash, spool, { meta, entries: packed.entries, mode });
        this.#eviction?.noteWrite(size);
      } catch (error) {
        localError = localWriteError(hash, this.local.cacheDir, error);
        local = "failed";
      }
    }
    if (remote === undefined) {
      await removeQuietly(spool);
      return { local, remote: "disabled", size, ...(localError ? { error: localError } : {}) };
    }
    const upload: RemoteUpload = {
      path: spool,
      size,
      durationMs: input.durationMs,
      sha: sha ?? undefined,
      dirtyHash: dirtyHash ?? undefined,
    };
    this.#uploads.push(() => this.#upload(remote, hash, upload));
    return { local, remote: "queued", size, ...(localError ? { error: localError } : {}) };
  }

  /** A spool for `hash`'s artifact: beside the entry (a rename installs it) or in `tempDir`. */
  async #spool(hash: string, inCacheDir: boolean): Promise<string> {
    if (inCacheDir) return this.local.spoolPath(this.local.files(hash).artifact);
    await mkdir(this.tempDir, { recursive: true });
    return stagingPath(join(this.tempDir, `${hash}.tar.zst`));
  }

  async #upload(remote: RemoteStore, hash: string, upload: RemoteUpload): Promise<void> {
    try {
      const outcome = await remote.put(hash, upload);
      switch (outcome.status) {
        case "uploaded":
          this.#events.emit({ type: "uploaded", hash, size: upload.size });
          break;
        case "skipped":
          this.#events.emit({ type: "upload-skipped", hash, reason: outcome.reason });
          break;
        case "failed":
          this.#events.warn(
            "WARN_CACHE_REMOTE_PUT",
            hash,
            `upload of ${hash} failed`,
            outcome.error,
          );
          break;
      }
    } catch (error) {
      this.#events.warn("WARN_CACHE_REMOTE_PUT", hash, `upload of ${hash} failed`, error);
    } finally {
      await removeQuietly(upload.path);
    }
  }

  /** Waits until every upload queued so far has finished. */
  flush(): Promise<void> {
    return this.#uploads.drain();
  }

  /**
  /**
   * Waits for uploads, then refuses further puts; ends the downloads no task took and removes what
   * they left; then evicts (an `eviction` event; `evict: false` skips it, e.g. for an interrupted
   * run). The remote client is closed by its owner.
   */
  async close(options: { evict?: boolean } = {}): Promise<void> {
    this.#closed = true;
    this.#prefetching.abort();
    const left = [...this.#prefetched.values()];
    this.#prefetched.clear();
    await Promise.all(left.map(discardDownload));
    await this.#downloads.drain();
    await this.#uploads.drain();
    await this.local.close();
    const report = await this.#eviction?.finish(options.evict !== false);
    if (report !== undefined) this.#events.emit({ type: "eviction", report });
  }

  #remote(side: "read" | "write"): RemoteStore | undefined {
    return this.config.remote[side] ? this.remote : undefined;
  }
}
