import { refused } from "./artifact-error.js";
import { BLOCK } from "./tar-header-encode.js";

/** The fields of one raw 512-byte header that Turbine reads. */
export interface RawHeader {
  readonly name: string;
  readonly linkname: string;
  readonly typeflag: string;
  readonly mode: number;
  readonly size: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/**
 * Decodes a header block, verifying its checksum (unsigned or signed sum, any octal layout).
 * POSIX ustar `prefix` is honoured; GNU headers keep atime/ctime there and have no prefix.
 */
export function decodeHeader(block: Buffer): RawHeader {
  const stored = readNumber(block, 148, 8, "checksum");
  if (stored !== unsignedSum(block) && stored !== signedSum(block)) {
    throw refused("ERR_ARTIFACT_CORRUPT", "tar header checksum mismatch: the archive is corrupt");
  }
  let name = readString(block, 0, 100);
  const magic = block.toString("latin1", 257, 263);
  if (magic === "ustar\0") {
    const prefix = readString(block, 345, 155);
    if (prefix !== "") name = `${prefix}/${name}`;
  }
  const typeflag = block[156] === 0 ? "0" : String.fromCharCode(block[156] as number);
  return {
    name,
    linkname: readString(block, 157, 100),
    typeflag,
    mode: readNumber(block, 100, 8, "mode"),
    size: readNumber(block, 124, 12, "size"),
  };
}

/**
 * A NUL-terminated UTF-8 field. Invalid UTF-8 is refused (names must round-trip), and so is
 * anything but NUL padding after the terminator: `safe\0../../evil` reads differently in
 * different tar readers, so it is refused rather than cut.
 */
export function readString(buf: Buffer, off: number, len: number): string {
  let end = off;
  const max = off + len;
  while (end < max && buf[end] !== 0) end++;
  let ascii = true;
  for (let i = off; i < end; i++) {
    if ((buf[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  for (let i = end; i < max; i++) {
    if (buf[i] !== 0) throw refused("ERR_ARTIFACT_NUL_IN_NAME", "tar name contains a NUL byte");
  }
  if (ascii) return buf.toString("latin1", off, end);
  try {
    return utf8.decode(buf.subarray(off, end));
  } catch (cause) {
    throw refused("ERR_ARTIFACT_BAD_NAME", `tar name is not valid UTF-8 (${String(cause)})`);
  }
}

/** Octal (spaces/NULs around it allowed) or GNU base-256 (positive only). */
function readNumber(buf: Buffer, off: number, len: number, field: string): number {
  const first = buf[off] as number;
  if (first & 0x80) {
    if (first !== 0x80) throw bad(field);
    let v = 0;
    for (let i = off + 1; i < off + len; i++) v = v * 256 + (buf[i] as number);
    if (!Number.isSafeInteger(v)) throw bad(field);
    return v;
  }
  let i = off;
  const end = off + len;
  while (i < end && buf[i] === 0x20) i++;
  let v = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c === 0 || c === 0x20) break;
    if (c < 0x30 || c > 0x37) throw bad(field);
    v = v * 8 + (c - 0x30);
    digits++;
  }
  for (; i < end; i++) if (buf[i] !== 0 && buf[i] !== 0x20) throw bad(field);
  if (digits === 0 && field === "checksum") throw bad(field);
  return v;
}

function unsignedSum(block: Buffer): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i] as number;
  return sum;
}

function signedSum(block: Buffer): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue;
    const b = block[i] as number;
    sum += b > 127 ? b - 256 : b;
  }
  return sum;
}

function bad(field: string): Error {
  return refused("ERR_ARTIFACT_CORRUPT", `tar header has an invalid ${field} field`);
}
