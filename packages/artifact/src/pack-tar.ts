import { open } from "node:fs/promises";
import { Readable } from "node:stream";

import { ArtifactError } from "./artifact-error.js";
import { checkEntryPath } from "./entry-path.js";
import { sortPaths } from "./path-order.js";
import { changed, loadSourceEntry, SMALL_FILE_MAX, type SourceEntry } from "./source-entry.js";
import { endOfArchive, headersSize, paddingFor, writeHeaders } from "./tar-header-encode.js";

export interface PackOptions {
  /** Absolute directory the paths are relative to (the repo root for turbo artifacts). */
  readonly anchor: string;
  /**
   * Anchor-relative paths, each packed as one entry (directories are not descended, exactly as
   * turbo adds each glob match). Order and duplicates do not matter.
   */
  readonly paths: readonly string[];
}

/** Output is produced in chunks of this size; small files are read straight into them. */
export const OUT_CHUNK = 256 * 1024;
const READ_CHUNK = 1024 * 1024;

/** The uncompressed tar, byte-identical to turbo 2.11.13's for the same tree. */
export function packTar(options: PackOptions): Readable {
  return Readable.from(generateTar(options), { objectMode: false, highWaterMark: OUT_CHUNK });
}

/** Yields the archive in chunks of about 256 KiB; large files are streamed as they are read. */
export async function* generateTar(options: PackOptions): AsyncGenerator<Buffer> {
  const rels = sortPaths(options.paths.map(checkedInput));
  let out = Buffer.allocUnsafe(OUT_CHUNK);
  let pos = 0;
  for (const rel of rels) {
    const entry = loadSourceEntry(options.anchor, rel);
    const headerSize = headersSize(entry.header);
    const size = entry.header.typeflag === "0" ? entry.header.size : 0;
    const inline = size <= SMALL_FILE_MAX;
    const need = headerSize + (inline ? size + paddingFor(size) : 0);
    if (pos + need > out.length) {
      if (pos > 0) yield out.subarray(0, pos);
      out = Buffer.allocUnsafe(Math.max(OUT_CHUNK, need));
      pos = 0;
    }
    pos = writeHeaders(out, pos, entry.header);
    if (inline) {
      if (size > 0) pos = entry.readInto(out, pos);
      continue;
    }
    yield out.subarray(0, pos);
    out = Buffer.allocUnsafe(OUT_CHUNK);
    pos = 0;
    yield* streamFile(entry);
  }
  const end = endOfArchive();
  if (pos + end.length > out.length) {
    yield out.subarray(0, pos);
    out = Buffer.allocUnsafe(end.length);
    pos = 0;
  }
  pos += end.copy(out, pos);
  yield out.subarray(0, pos);
}

async function* streamFile(entry: SourceEntry): AsyncGenerator<Buffer> {
  const size = entry.header.size;
  const handle = await open(entry.abs, "r");
  try {
    let done = 0;
    while (done < size) {
      const want = Math.min(READ_CHUNK, size - done);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, want, done);
      if (bytesRead === 0) throw changed(entry.rel);
      done += bytesRead;
      yield bytesRead === want ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
  const pad = paddingFor(size);
  if (pad > 0) yield Buffer.alloc(pad);
}

function checkedInput(raw: string): string {
  const check = checkEntryPath(raw);
  if (!check.ok) {
    throw new ArtifactError(check.code, `cannot pack ${JSON.stringify(raw)}: ${check.reason}`, {
      path: raw,
      hint: "Pass paths relative to the anchor, without `..`.",
    });
  }
  return check.path;
}
