import { closeSync, constants, fstatSync, ftruncateSync, openSync, writeSync } from "node:fs";

import { writeFileAtomic } from "./atomic-file.js";
import type { EntryFiles } from "./local-paths.js";
import { parseManifest, type RestoreManifest, serializeManifest } from "./manifest.js";
import { type EntryPath, recordManifest } from "./manifest-disk.js";
import { type CacheMeta, parseMeta, serializeMeta } from "./meta.js";
import { MANIFEST_MAX_BYTES, META_MAX_BYTES, readSidecar } from "./sidecar-file.js";

/**
 * The I/O of an entry's two sidecars: `-meta.json` (which makes a hit) and `-manifest.json` (a
 * hint of what a restore left on disk), read bounded and synchronously, written staged and
 * renamed, and the manifest rewritten in place after a restore.
 */

/** An entry's meta.json; undefined when it is missing, unreadable or not turbo's shape. */
export function readMeta(path: string): CacheMeta | undefined {
  const text = readSidecar(path, META_MAX_BYTES);
  return text === undefined ? undefined : parseMeta(text);
}

/** An entry's manifest; undefined when it is missing or does not parse (a full restore then). */
export function readManifest(path: string): RestoreManifest | undefined {
  return parseManifest(readSidecar(path, MANIFEST_MAX_BYTES) ?? "");
}

/**
 * Writes a new entry's sidecars, each staged and renamed: the manifest of `entries` (when
 * given), then meta.json, last, as it is what makes the entry a hit.
 */
export async function writeSidecars(
  repoRoot: string,
  files: EntryFiles,
  meta: CacheMeta,
  entries: readonly EntryPath[] | undefined,
): Promise<void> {
  if (entries !== undefined) {
    await writeFileAtomic(files.manifest, serializeManifest(recordManifest(repoRoot, entries)));
  }
  await writeFileAtomic(files.meta, serializeMeta(meta));
}

/**
 * Rewrites a manifest after a restore in place: the new bytes are written over the old ones from
 * offset 0, then the file is cut to their length. Everything else in the store is staged and
 * renamed, but for the manifest that is the costliest step of a small restore on ext4 (a new inode
 * and a rename over the old one, ~0.25 ms, once per restored task), and so is truncating it to
 * zero first (its blocks are freed and reallocated); an overwrite of the same length, which is the
 * usual case (mtimes are fixed-width nanoseconds), costs ~0.01 ms. The manifest does not need the
 * guarantee: it is an optional hint, verified before it is trusted. A reader that catches it half
 * written, or finds it torn by a crash, either fails to parse it (and restores the whole archive)
 * or reads values that do not match the disk (and restores those files); a manifest is only
 * believed for paths whose size, mtime (ns) and mode on disk are exactly what it records.
 * meta.json, which makes a hit, and the artifact are never written in place.
 */
export async function rewriteManifest(path: string, text: string): Promise<void> {
  const data = Buffer.from(text);
  let fd: number;
  try {
    // O_NOFOLLOW: a link planted at the manifest's name is replaced below, never written through.
    // O_NONBLOCK: a FIFO there fails at once (ENXIO) instead of blocking the run.
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW;
    fd = openSync(path, flags | constants.O_NONBLOCK, 0o666);
  } catch {
    await replaceManifest(path, data);
    return;
  }
  let regular = false;
  try {
    regular = fstatSync(fd).isFile();
    if (regular) {
      for (let off = 0; off < data.length;) off += writeSync(fd, data, off, data.length - off, off);
      ftruncateSync(fd, data.length);
    }
  } catch {
    // a failed rewrite leaves a manifest that no longer matches: a full restore next time
  } finally {
    closeSync(fd);
  }
  if (!regular) await replaceManifest(path, data);
}

/**
 * For a name that is not a regular file (a link, a FIFO): the store's usual staged write, renamed
 * over whatever is there. A failure is ignored, as for the in-place write: the manifest is a hint.
 */
async function replaceManifest(path: string, data: Buffer): Promise<void> {
  await writeFileAtomic(path, data).catch(() => undefined);
}
