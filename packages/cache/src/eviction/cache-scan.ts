import type * as Fs from "node:fs";
import type * as Path from "node:path";

/** One local entry as eviction sees it: turbo counts an entry by its `<hash>.tar.zst`. */
export interface ScannedEntry {
  readonly hash: string;
  /** The artifact's mtime in ns: its age and its recency (a hit refreshes it). */
  readonly mtimeNs: bigint;
  /** Artifact + meta.json + manifest.json, the sizes turbo adds up. */
  readonly bytes: number;
}

/** A file that is no entry: a sidecar whose artifact is gone, or a temp file. */
export interface StrayFile {
  readonly name: string;
  readonly mtimeNs: bigint;
  readonly bytes: number;
}

/** What one pass over a cache directory found, entries in directory order (turbo's tie order). */
export interface CacheScan {
  readonly entries: readonly ScannedEntry[];
  /** `-meta.json` / `-manifest.json` without their artifact. */
  readonly orphans: readonly StrayFile[];
  /** `*.tmp`: staging files, downloads, turbo's manifest temp files. */
  readonly temps: readonly StrayFile[];
  /** Free bytes for an unprivileged user on the cache's file system. */
  readonly freeBytes: number;
  readonly durationMs: number;
}

/**
 * Lists `dir` once (not recursively, as turbo) and lstats what eviction needs. Self-contained:
 * it also runs as the source of a worker thread, so it uses nothing but its arguments.
 */
export function scanCacheDir(fs: typeof Fs, path: typeof Path, dir: string): CacheScan {
  const started = performance.now();
  const ARTIFACT = ".tar.zst";
  const SIDECARS = ["-meta.json", "-manifest.json"];
  const files: string[] = [];
  let handle: Fs.Dir;
  try {
    handle = fs.opendirSync(dir, { bufferSize: 1024 });
  } catch {
    return { entries: [], orphans: [], temps: [], freeBytes: 0, durationMs: 0 };
  }
  try {
    for (let d = handle.readSync(); d !== null; d = handle.readSync()) {
      if (!d.isDirectory()) files.push(d.name);
    }
  } finally {
    handle.closeSync();
  }
  const names = new Set(files);
  const prefix = path.join(dir, path.sep);
  // Sizes of sidecars and strays need no bigint; artifacts' mtimes are compared in ns, as turbo.
  const size = (name: string): number => {
    const s = fs.lstatSync(prefix + name, { throwIfNoEntry: false });
    return s?.isFile() === true ? s.size : 0;
  };
  const stat = (name: string): Fs.BigIntStats | undefined => {
    const s = fs.lstatSync(prefix + name, { bigint: true, throwIfNoEntry: false });
    return s?.isFile() === true ? s : undefined;
  };
  const entries: ScannedEntry[] = [];
  const orphans: StrayFile[] = [];
  const temps: StrayFile[] = [];
  for (const name of files) {
    const stray = (into: StrayFile[]): void => {
      const s = stat(name);
      if (s !== undefined) into.push({ name, mtimeNs: s.mtimeNs, bytes: Number(s.size) });
    };
    if (name.endsWith(".tmp")) {
      stray(temps);
      continue;
    }
    const sidecar = SIDECARS.find((suffix) => name.endsWith(suffix));
    if (sidecar !== undefined) {
      if (!names.has(name.slice(0, -sidecar.length) + ARTIFACT)) stray(orphans);
      continue;
    }
    if (!name.endsWith(ARTIFACT)) continue;
    const artifact = stat(name);
    if (artifact === undefined) continue;
    const hash = name.slice(0, -ARTIFACT.length);
    let bytes = Number(artifact.size);
    for (const suffix of SIDECARS) if (names.has(hash + suffix)) bytes += size(hash + suffix);
    entries.push({ hash, mtimeNs: artifact.mtimeNs, bytes });
  }
  let freeBytes = 0;
  try {
    const fsStat = fs.statfsSync(dir);
    freeBytes = fsStat.bavail * fsStat.bsize;
  } catch {
    // no statfs here: a share-of-disk budget then sees only the cache's own bytes
  }
  return { entries, orphans, temps, freeBytes, durationMs: performance.now() - started };
}
