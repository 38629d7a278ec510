import { Buffer } from "node:buffer";

/** Tar typeflags Turbine writes: regular file, directory, symlink. */
export type WritableTypeflag = "0" | "5" | "2";

export interface HeaderInput {
  /** Entry name as stored: directories end in `/`. */
  readonly name: string;
  /** Full `st_mode`, file-type bits included (turbo writes e.g. `0100644`). */
  readonly mode: number;
  readonly size: number;
  readonly typeflag: WritableTypeflag;
  readonly linkname: string;
}

export const BLOCK = 512;
const NAME_LEN = 100;
const LONG_LINK_NAME = "././@LongLink";

/**
 * Encodes one entry's header block(s) exactly as turbo 2.11.13 (Rust `tar` crate,
 * `Header::new_gnu()`) does: a GNU `L` record before a name over 100 bytes, a `K` record before a
 * link target over 100 bytes, then the 512-byte header. Returns a multiple of 512 bytes.
 */
export function encodeHeaders(input: HeaderInput): Buffer {
  const out = Buffer.alloc(headersSize(input));
  writeHeaders(out, 0, input);
  return out;
}

/** Bytes `writeHeaders` will write for `input` (512 unless a long name or target is involved). */
export function headersSize(input: HeaderInput): number {
  let size = BLOCK;
  const nameLen = Buffer.byteLength(input.name, "utf8");
  const linkLen = Buffer.byteLength(input.linkname, "utf8");
  if (nameLen > NAME_LEN) size += BLOCK + nameLen + 1 + paddingFor(nameLen + 1);
  if (linkLen > NAME_LEN) size += BLOCK + linkLen + 1 + paddingFor(linkLen + 1);
  return size;
}

/**
 * Writes the header block(s) into `target` at `offset` (which must have `headersSize` bytes of
 * room) and returns the offset after them. The common case (short name) allocates nothing.
 */
export function writeHeaders(target: Buffer, offset: number, input: HeaderInput): number {
  if (
    Buffer.byteLength(input.name, "utf8") <= NAME_LEN &&
    Buffer.byteLength(input.linkname, "utf8") <= NAME_LEN
  ) {
    target.fill(0, offset, offset + BLOCK);
    target.write(input.name, offset, "utf8");
    target.write(input.linkname, offset + 157, "utf8");
    fillMain(target.subarray(offset, offset + BLOCK), input);
    return offset + BLOCK;
  }
  let at = offset;
  for (const part of encodeLong(input)) at += part.copy(target, at);
  return at;
}

function encodeLong(input: HeaderInput): Buffer[] {
  const name = Buffer.from(input.name, "utf8");
  const link = Buffer.from(input.linkname, "utf8");
  const parts: Buffer[] = [];
  let nameField = name;
  let linkField = link;
  if (name.length > NAME_LEN) {
    parts.push(longLinkRecord(name, "L"));
    nameField = Buffer.from(truncatedGnuName(input.name), "utf8");
  }
  if (link.length > NAME_LEN) {
    parts.push(longLinkRecord(link, "K"));
    linkField = Buffer.from(truncateUtf8(input.linkname), "utf8");
  }
  parts.push(mainHeader(nameField, linkField, input));
  return parts;
}

/** Two zero blocks: the end-of-archive marker (turbo does not pad to a 10 KiB record). */
export function endOfArchive(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

/** Zero bytes needed after `size` bytes of data to reach a block boundary. */
export function paddingFor(size: number): number {
  const rest = size % BLOCK;
  return rest === 0 ? 0 : BLOCK - rest;
}

function mainHeader(name: Buffer, link: Buffer, input: HeaderInput): Buffer {
  const h = Buffer.alloc(BLOCK);
  name.copy(h, 0, 0, NAME_LEN);
  link.copy(h, 157, 0, NAME_LEN);
  fillMain(h, input);
  return h;
}

/** Fills every field but name and linkname into a zeroed 512-byte block. */
function fillMain(h: Buffer, input: HeaderInput): void {
  writeOctal(h, 100, 8, input.mode);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeNumber(h, 124, 12, input.size);
  writeOctal(h, 136, 12, 0);
  h[156] = input.typeflag.charCodeAt(0);
  GNU_MAGIC.copy(h, 257);
  writeOctal(h, 345, 12, 0); // GNU atime
  writeOctal(h, 357, 12, 0); // GNU ctime
  writeChecksum(h);
}

const GNU_MAGIC = Buffer.from("ustar  \0", "latin1");

/** `././@LongLink` header (mode 0644, atime/ctime left NUL) + NUL-terminated data, padded. */
function longLinkRecord(data: Buffer, typeflag: "L" | "K"): Buffer {
  const size = data.length + 1;
  const out = Buffer.alloc(BLOCK + size + paddingFor(size));
  out.write(LONG_LINK_NAME, 0, "latin1");
  writeOctal(out, 100, 8, 0o644);
  writeOctal(out, 108, 8, 0);
  writeOctal(out, 116, 8, 0);
  writeNumber(out, 124, 12, size);
  writeOctal(out, 136, 12, 0);
  out.write(typeflag, 156, "latin1");
  out.write("ustar  \0", 257, "latin1");
  writeChecksum(out.subarray(0, BLOCK));
  data.copy(out, BLOCK);
  return out;
}

/**
 * The name the Rust `tar` crate keeps in the real header of a long-named entry: the first 100
 * bytes cut back to a UTF-8 boundary, then re-joined by `Path` components (empty and interior
 * `.` components dropped, a trailing `/` kept).
 */
export function truncatedGnuName(name: string): string {
  const cut = truncateUtf8(name);
  const parts = cut.split("/").filter((p, i) => p !== "" && (p !== "." || i === 0));
  const joined = parts.join("/");
  return cut.endsWith("/") ? `${joined}/` : joined;
}

function truncateUtf8(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  let end = Math.min(bytes.length, NAME_LEN);
  // Step back over continuation bytes (10xxxxxx) so no code point is split.
  if (end < bytes.length) {
    while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  }
  return bytes.subarray(0, end).toString("utf8");
}

/** `len - 1` zero-padded octal digits and a NUL (value must fit). */
function writeOctal(h: Buffer, off: number, len: number, value: number): void {
  let v = value;
  for (let i = off + len - 2; i >= off; i--) {
    h[i] = 0x30 + (v % 8);
    v = Math.floor(v / 8);
  }
  h[off + len - 1] = 0;
}

/** Octal when it fits, else GNU base-256 (high bit set, big-endian), as the Rust crate does. */
function writeNumber(h: Buffer, off: number, len: number, value: number): void {
  if (value < 8 ** (len - 1)) {
    writeOctal(h, off, len, value);
    return;
  }
  h.fill(0, off, off + len);
  let v = BigInt(value);
  for (let i = off + len - 1; i > off; i--) {
    h[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  h[off] = 0x80;
}

/** Sum of all bytes with the checksum field counted as spaces, as 7 octal digits + NUL. */
function writeChecksum(h: Buffer): void {
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i] as number;
  writeOctal(h, 148, 8, sum);
}
