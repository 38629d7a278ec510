import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** The most a `-meta.json` may hold, whitespace outside strings aside (turbo's are ~150 bytes). */
export const META_MAX_BYTES = 64 * 1024;
/** The most a `-manifest.json` may hold, likewise (about 200,000 files). */
export const MANIFEST_MAX_BYTES = 32 * 1024 * 1024;

const SCAN_CHUNK = 64 * 1024;

/**
 * A sidecar's text (meta.json, manifest.json), read with memory bounded by `maxBytes` whatever
 * the file's size; undefined when it cannot be read (a missing sidecar is a miss), is not a
 * regular file, or holds more than `maxBytes` of JSON. A file within the bound is read whole,
 * with one open, fstat, read and close (`O_NONBLOCK`: a FIFO planted in the cache dir can never
 * block the read). A larger one is read in chunks and kept without the whitespace between
 * tokens: JSON padded with spaces to any size (which turbo reads whole) parses the same, in
 * constant memory.
 */
export function readSidecar(path: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size <= maxBytes) {
      const buffer = Buffer.allocUnsafe(stat.size);
      const length = readFully(fd, buffer);
      return buffer.toString("utf8", 0, length);
    }
    return readCompacted(fd, maxBytes);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, buffer: Buffer): number {
  let length = 0;
  for (let n = -1; n !== 0 && length < buffer.length; length += n) {
    n = readSync(fd, buffer, length, buffer.length - length, null);
  }
  return length;
}

/** The file's JSON without whitespace outside strings, or undefined past `maxBytes` of it. */
function readCompacted(fd: number, maxBytes: number): string | undefined {
  const chunk = Buffer.allocUnsafe(SCAN_CHUNK);
  let out = Buffer.allocUnsafe(Math.min(maxBytes, SCAN_CHUNK));
  let length = 0;
  let inString = false;
  let escaped = false;
  for (let n = readSync(fd, chunk, 0, SCAN_CHUNK, null); n > 0;) {
    for (let i = 0; i < n; i++) {
      const c = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
      } else if (c === SPACE || c === TAB || c === LF || c === CR) {
        continue;
      } else if (c === QUOTE) {
        inString = true;
      }
      if (length === out.length) {
        if (length >= maxBytes) return undefined;
        const grown = Buffer.allocUnsafe(Math.min(maxBytes, length * 2));
        out.copy(grown, 0, 0, length);
        out = grown;
      }
      out[length++] = c;
    }
    n = readSync(fd, chunk, 0, SCAN_CHUNK, null);
  }
  return out.toString("utf8", 0, length);
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
