import { lstatSync, readlinkSync } from "node:fs";
import { join } from "node:path";

import type { ManifestEntry, RestoreManifest } from "./manifest.js";
import { emptyManifest } from "./manifest.js";

/** One path of an entry, as the archive holds it. */
export interface EntryPath {
  /** Anchored, `/`-separated; a trailing `/` (tar directory names) is ignored. */
  path: string;
  type: "file" | "directory" | "symlink";
  linkTarget?: string | undefined;
}

const DIR_ENTRY: ManifestEntry = {
  size: 0,
  mtimeNanos: 0n,
  mode: 0,
  isDir: true,
  isSymlink: false,
};
const LINK_ENTRY: ManifestEntry = {
  size: 0,
  mtimeNanos: 0n,
  mode: 0,
  isDir: false,
  isSymlink: true,
};

export function manifestKey(path: string): string {
  return path.endsWith("/") ? path.slice(0, -1) : path;
}

/**
 * Records the on-disk state of `entries` (in archive order) as turbo does after a save or a
 * restore: files by lstat (size, mtime ns, mode & 0o7777), directories and symlinks by kind only.
 * Synchronous on purpose (as is the check below): one lstat costs microseconds, a promise round
 * trip through libuv's pool costs ten times that, and a run checks a few paths per task.
 */
export function recordManifest(anchor: string, entries: readonly EntryPath[]): RestoreManifest {
  const manifest = emptyManifest();
  for (const entry of entries) {
    const key = manifestKey(entry.path);
    manifest.order.push(key);
    switch (entry.type) {
      case "directory":
        manifest.files.set(key, DIR_ENTRY);
        break;
      case "symlink":
        manifest.files.set(key, LINK_ENTRY);
        manifest.linkTargets.set(key, entry.linkTarget ?? readlinkSync(join(anchor, key)));
        break;
      case "file":
        manifest.files.set(key, statFile(join(anchor, key)));
        break;
    }
  }
  return manifest;
}

function statFile(absolute: string): ManifestEntry {
  const stat = lstatSync(absolute, { bigint: true });
  return {
    size: Number(stat.size),
    mtimeNanos: stat.mtimeNs,
    mode: Number(stat.mode & 0o7777n),
    isDir: false,
    isSymlink: false,
  };
}

/** True when `key` is on disk exactly as the manifest recorded it (turbo `file_matches`). */
export function entryMatches(anchor: string, manifest: RestoreManifest, key: string): boolean {
  const expected = manifest.files.get(key);
  if (expected === undefined || !isAnchored(key)) return false;
  const absolute = join(anchor, key);
  let stat;
  try {
    stat = lstatSync(absolute, { bigint: true, throwIfNoEntry: false });
  } catch {
    return false;
  }
  if (stat === undefined) return false;
  if (expected.isDir) return stat.isDirectory();
  if (expected.isSymlink) {
    if (!stat.isSymbolicLink()) return false;
    try {
      return readlinkSync(absolute) === manifest.linkTargets.get(key);
    } catch {
      return false;
    }
  }
  return (
    stat.isFile() &&
    stat.size === BigInt(expected.size) &&
    Number(stat.mode & 0o7777n) === expected.mode &&
    stat.mtimeNs === expected.mtimeNanos
  );
}

/** Archive-ordered paths when every manifest entry still matches the disk, else undefined. */
export function validateManifest(anchor: string, manifest: RestoreManifest): string[] | undefined {
  if (manifest.order.length === 0) return undefined;
  for (const key of manifest.order) {
    if (!entryMatches(anchor, manifest, key)) return undefined;
  }
  return manifest.order;
}

/** A manifest key must stay under the anchor: relative, no `..` or empty components. */
function isAnchored(key: string): boolean {
  if (key === "" || key.startsWith("/") || key.includes("\\")) return false;
  return key.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}
