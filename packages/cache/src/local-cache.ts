import { statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";

import { ArtifactIo } from "./artifact-io.js";
import { installCopy, installMove, removeQuietly, stagingPath } from "./atomic-file.js";
import { localWriteError } from "./cache-error.js";
import { readManifest, readMeta, rewriteManifest, writeSidecars } from "./entry-sidecars.js";
import type { EntryFiles } from "./local-paths.js";
import { entryFiles } from "./local-paths.js";
import { type RestoreManifest, serializeManifest } from "./manifest.js";
import type { EntryPath } from "./manifest-disk.js";
import { entryMatches, recordManifest, validateManifest } from "./manifest-disk.js";
import type { CacheMeta } from "./meta.js";
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
  /** Packs and restores through `@turbine/artifact` (shared with `Cache` and remote hits). */
  readonly io = new ArtifactIo();

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
    if (meta === undefined) return { status: "miss" };
    const size = fileSize(files.artifact);
    if (size === undefined) return { status: "miss" };
    try {
      const manifest = readManifest(files.manifest);
      const hit = await this.restore(files, manifest, size);
      const found = { source: "LOCAL", durationMs: meta.durationMs, ...hit } as const;
      return { status: "hit", hit: { ...found, sha: meta.sha, dirtyHash: meta.dirtyHash } };
    } catch (error) {
      return { status: "error", error };
    }
  }

  private async restore(
    files: EntryFiles,
    manifest: RestoreManifest | undefined,
    size: number,
  ): Promise<{ files: string[]; written: number }> {
    if (manifest !== undefined) {
      const inPlace = validateManifest(this.repoRoot, manifest);
      if (inPlace !== undefined) return { files: inPlace, written: 0 };
    }
    const matched = manifest === undefined ? new Set<string>() : this.matching(manifest);
    const restored = await this.io.restoreFromFile(
      files.artifact,
      this.repoRoot,
      (p) => matched.has(p),
      size,
    );
    const next = recordManifest(this.repoRoot, restored.entries);
    await rewriteManifest(files.manifest, serializeManifest(next));
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
          : {
              source: "LOCAL",
              durationMs: meta.durationMs,
              sha: meta.sha,
              dirtyHash: meta.dirtyHash,
            },
      );
    });
  }

  /** Whether `hash` has an entry (meta.json readable, artifact present), synchronously. */
  has(hash: string): boolean {
    const files = this.files(hash);
    return readMeta(files.meta) !== undefined && isFile(files.artifact);
  }

  async put(hash: string, input: PutInput): Promise<PutResult> {
    const files = this.files(hash);
    const spool = await this.spoolPath(files.artifact);
    try {
      const packed = await this.io.packToFile(input.anchor ?? this.repoRoot, input.paths, spool);
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

  /** Nothing runs in the background of a local store. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  /** Stops the restore thread, if a restore started one. */
  close(): Promise<void> {
    return this.io.close();
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
      await writeSidecars(this.repoRoot, files, input.meta, input.entries);
    } catch (error) {
      throw localWriteError(hash, this.cacheDir, error);
    }
  }

  /** Creates the cache directory if needed. */
  async ensureDir(): Promise<void> {
    await mkdir(this.cacheDir, { recursive: true });
  }
}

/** The size of a regular file; undefined when it is missing or not a regular file. */
function fileSize(path: string): number | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat?.isFile() === true ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  return fileSize(path) !== undefined;
}
