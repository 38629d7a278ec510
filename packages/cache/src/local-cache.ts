import { readFileSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";

import { packToFile, restoreFromFile } from "./artifact-io.js";
import {
  installCopy,
  installMove,
  removeQuietly,
  stagingPath,
  writeFileAtomic,
} from "./atomic-file.js";
import { CacheError } from "./cache-error.js";
import type { EntryFiles } from "./local-paths.js";
import { entryFiles } from "./local-paths.js";
import type { RestoreManifest } from "./manifest.js";
import { parseManifest, serializeManifest } from "./manifest.js";
import type { EntryPath } from "./manifest-disk.js";
import { entryMatches, recordManifest, validateManifest } from "./manifest-disk.js";
import type { CacheMeta } from "./meta.js";
import { parseMeta, serializeMeta } from "./meta.js";
import type { ArtifactCache, CacheExists, CacheHit, PutInput, PutResult } from "./types.js";

export interface LocalCacheOptions {
  repoRoot: string;
  /** Defaults to `.turbo/cache`; a relative path is resolved against the repo root (as turbo does). */
  cacheDir?: string;
}

/** The outcome of reading one local entry: a miss and a broken entry are both values. */
export type LocalRead =
  { status: "hit"; hit: CacheHit } | { status: "miss" } | { status: "error"; error: unknown };

/** What to record with an artifact being installed. */
export interface InstallInput {
  meta: CacheMeta;
  /** The entry's paths in archive order, for the manifest; omitted means no manifest. */
  entries?: readonly EntryPath[];
  /** `move` consumes `artifactPath` (a temp file); `copy` leaves it for others (an upload). */
  mode: "move" | "copy";
}

/**
 * turbo's local store: `<cacheDir>/<hash>.tar.zst` + `-meta.json` + `-manifest.json`.
 *
 * Writes stage every file under a unique name and rename it in, artifact first and meta last, so a
 * reader that finds meta.json finds a whole artifact, and two writers of one hash leave one valid
 * entry.
 */
export class LocalCache implements ArtifactCache {
  /** Manifest rewrites under way, by manifest path (see `#rewriteLater`). */
  readonly #pending = new Map<string, Promise<void>>();

  private constructor(
    readonly repoRoot: string,
    readonly cacheDir: string,
  ) {}

  static create(options: LocalCacheOptions): Promise<LocalCache> {
    const repoRoot = resolve(options.repoRoot);
    const dir = options.cacheDir ?? ".turbo/cache";
    return Promise.resolve(
      new LocalCache(repoRoot, isAbsolute(dir) ? dir : resolve(repoRoot, dir)),
    );
  }

  /** Paths of the files that make up `hash`'s entry. */
  files(hash: string): EntryFiles {
    return entryFiles(this.cacheDir, hash);
  }

  async fetch(hash: string): Promise<CacheHit | undefined> {
    const result = await this.read(hash);
    return result.status === "hit" ? result.hit : undefined;
  }

  /**
   * Restores `hash` into the repo root, telling a miss apart from a broken entry. The sidecars
   * (meta, manifest: a few hundred bytes) are read synchronously: on a fully cached run this is
   * the whole per-task cost, and a promise round trip through libuv's pool costs more than the
   * read itself.
   */
  async read(hash: string): Promise<LocalRead> {
    const files = this.files(hash);
    const meta = readMeta(files.meta);
    if (meta === undefined || !isFile(files.artifact)) return { status: "miss" };
    try {
      // The same entry read again in this process sees the manifest its last restore wrote.
      const rewriting = this.#pending.get(files.manifest);
      if (rewriting !== undefined) await rewriting;
      const manifest = parseManifest(readText(files.manifest) ?? "");
      const hit = await this.restore(files, manifest);
      return { status: "hit", hit: { source: "LOCAL", durationMs: meta.durationMs, ...hit } };
    } catch (error) {
      return { status: "error", error };
    }
  }

  private async restore(
    files: EntryFiles,
    manifest: RestoreManifest | undefined,
  ): Promise<{ files: string[]; written: number }> {
    if (manifest !== undefined) {
      const inPlace = validateManifest(this.repoRoot, manifest);
      if (inPlace !== undefined) return { files: inPlace, written: 0 };
    }
    const matched = manifest === undefined ? new Set<string>() : this.matching(manifest);
    const restored = await restoreFromFile(files.artifact, this.repoRoot, (p) => matched.has(p));
    const next = recordManifest(this.repoRoot, restored.entries);
    this.#rewriteLater(files.manifest, serializeManifest(next));
    return { files: next.order, written: restored.written };
  }

  /** Files (not dirs or links) still exactly as the manifest recorded them. */
  private matching(manifest: RestoreManifest): Set<string> {
    const keys = new Set<string>();
    for (const [key, entry] of manifest.files) {
      if (!entry.isDir && !entry.isSymlink && entryMatches(this.repoRoot, manifest, key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  exists(hash: string): Promise<CacheExists | undefined> {
    // Synchronous reads (see `read`); an invalid hash still comes back as a rejection.
    return new Promise((resolve) => {
      const files = this.files(hash);
      const meta = readMeta(files.meta);
      resolve(
        meta === undefined || !isFile(files.artifact)
          ? undefined
          : { source: "LOCAL", durationMs: meta.durationMs },
      );
    });
  }

  async put(hash: string, input: PutInput): Promise<PutResult> {
    const files = this.files(hash);
    const spool = await this.spoolPath(files.artifact);
    try {
      const packed = await packToFile(input.anchor ?? this.repoRoot, input.paths, spool);
      const meta = {
        hash,
        durationMs: input.durationMs,
        sha: input.sha ?? null,
        dirtyHash: input.dirtyHash ?? null,
      };
      await this.install(hash, spool, { meta, entries: packed.entries, mode: "move" });
      return { local: "written", remote: "disabled", size: packed.size };
    } finally {
      await removeQuietly(spool);
    }
  }

  /**
   * Rewrites a manifest after a restore without holding up the task: the restored outputs are
   * already in place, and the manifest only lets the next run skip files that still match. The
   * write (a staged file renamed over the old one, so a reader sees old or new, whole) runs on
   * the thread pool while the run goes on; `flush` waits for it. A failed rewrite leaves the old
   * manifest, which no longer matches the files, so the next run simply restores again.
   */
  #rewriteLater(path: string, text: string): void {
    const write = writeFileAtomic(path, text)
      .catch(() => undefined)
      .finally(() => {
        if (this.#pending.get(path) === write) this.#pending.delete(path);
      });
    this.#pending.set(path, write);
  }

  /** Waits for manifest rewrites still under way. */
  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending.values()]);
  }

  close(): Promise<void> {
    return this.flush();
  }

  /** A staging path for a new artifact inside the cache dir (created on demand). */
  async spoolPath(target?: string): Promise<string> {
    await this.ensureDir();
    return stagingPath(target ?? resolve(this.cacheDir, "artifact.tar.zst"));
  }

  /**
   * Installs a finished artifact file as `hash`'s entry: artifact, then manifest, then meta, each
   * staged and renamed.
   */
  async install(hash: string, artifactPath: string, input: InstallInput): Promise<void> {
    const files = this.files(hash);
    try {
      await this.ensureDir();
      if (input.mode === "move") await installMove(artifactPath, files.artifact);
      else await installCopy(artifactPath, files.artifact);
      if (input.entries !== undefined) {
        const manifest = recordManifest(this.repoRoot, input.entries);
        await writeFileAtomic(files.manifest, serializeManifest(manifest));
      }
      await writeFileAtomic(files.meta, serializeMeta(input.meta));
    } catch (error) {
      throw new CacheError(
        "ERR_CACHE_LOCAL_WRITE",
        `could not write cache entry ${hash} in ${this.cacheDir}: ${describe(error)}`,
        { cause: error },
      );
    }
  }

  /** Creates the cache directory if needed. */
  async ensureDir(): Promise<void> {
    await mkdir(this.cacheDir, { recursive: true });
  }
}

function readMeta(path: string): CacheMeta | undefined {
  const text = readText(path);
  return text === undefined ? undefined : parseMeta(text);
}

/** A small file's text; undefined when it cannot be read (a missing sidecar is a miss). */
function readText(path: string): string | undefined {
  if (!isFile(path)) return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
