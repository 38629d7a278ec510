import { mkdir, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** One sidecar of a synthetic entry: its size and age (default: the artifact's age). */
export interface SidecarSpec {
  readonly bytes?: number;
  readonly ageMs?: number;
}

/**
 * A synthetic local cache entry: `<hash>.tar.zst` of `bytes` bytes whose mtime is `ageMs` before
 * `now`, with a `-meta.json` (unless `meta: false`) and optionally a `-manifest.json`. The bytes
 * are filler, not an archive: for tests of which entries a store keeps, not of restores.
 */
export interface CacheEntrySpec {
  readonly hash: string;
  readonly bytes: number;
  readonly ageMs: number;
  readonly meta?: SidecarSpec | false;
  readonly manifest?: SidecarSpec;
}

/** A file in a cache directory that is no entry (an orphan sidecar, a temp file, a `.tar`). */
export interface StrayFileSpec {
  readonly name: string;
  readonly bytes: number;
  readonly ageMs: number;
}

/**
 * Empties `dir` and writes `entries` (in order: directory order follows creation order on a
 * fresh directory) and `strays`, with mtimes relative to `now`.
 */
export async function writeCacheEntries(
  dir: string,
  entries: readonly CacheEntrySpec[],
  strays: readonly StrayFileSpec[] = [],
  now: number = Date.now(),
): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const put = async (name: string, content: Buffer, ageMs: number): Promise<void> => {
    const path = join(dir, name);
    await writeFile(path, content);
    const when = new Date(now - ageMs);
    await utimes(path, when, when);
  };
  for (const e of entries) {
    await put(`${e.hash}.tar.zst`, Buffer.alloc(e.bytes, 0x5a), e.ageMs);
    if (e.meta !== false) {
      const meta = JSON.stringify({ hash: e.hash, duration: 1 });
      const bytes = Math.max(meta.length, e.meta?.bytes ?? meta.length);
      await put(`${e.hash}-meta.json`, Buffer.from(meta.padEnd(bytes)), e.meta?.ageMs ?? e.ageMs);
    }
    if (e.manifest !== undefined) {
      const bytes = Math.max(2, e.manifest.bytes ?? 2);
      await put(
        `${e.hash}-manifest.json`,
        Buffer.from("{}".padEnd(bytes)),
        e.manifest.ageMs ?? e.ageMs,
      );
    }
  }
  for (const s of strays) await put(s.name, Buffer.alloc(s.bytes, 0x20), s.ageMs);
}

/** File names at the top of a cache directory (Turbine's `.turbine` state dir left out), sorted. */
export async function cacheFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  return names.filter((n) => n !== ".turbine").sort();
}
