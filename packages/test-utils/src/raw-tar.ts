// Raw tar records for hostile archives, written field by field with no validation at all (a tar
// writer would refuse most of what tests need: `..`, `.git`, NUL, bad checksums).
import { zstdCompressSync } from "node:zlib";

/** One raw tar record for hostile archives: every field can be set to anything. */
export interface RawEntry {
  readonly name: string | Buffer;
  /** Typeflag character: "0" file, "1" hardlink, "2" symlink, "5" dir, "L", "K", "x", ... */
  readonly type: string;
  readonly body?: string | Buffer;
  readonly linkname?: string;
  readonly mode?: number;
  /** Size written in the header (defaults to the body length). */
  readonly size?: number;
  readonly magic?: "gnu" | "ustar";
  readonly prefix?: string;
  readonly badChecksum?: boolean;
}

/** A 512-byte header plus padded body, written field by field (no validation at all). */
export function rawRecord(e: RawEntry): Buffer {
  const body = typeof e.body === "string" ? Buffer.from(e.body) : (e.body ?? Buffer.alloc(0));
  const h = Buffer.alloc(512);
  const name = typeof e.name === "string" ? Buffer.from(e.name) : e.name;
  name.copy(h, 0, 0, 100);
  octal(h, 100, 8, e.mode ?? (e.type === "5" ? 0o40755 : e.type === "2" ? 0o120777 : 0o100644));
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, e.size ?? body.length);
  octal(h, 136, 12, 0);
  h.write(e.type, 156, "latin1");
  Buffer.from(e.linkname ?? "").copy(h, 157, 0, 100);
  if (e.magic === "ustar") {
    h.write("ustar\x0000", 257, "latin1");
    if (e.prefix !== undefined) h.write(e.prefix, 345, "utf8");
  } else {
    h.write("ustar  \0", 257, "latin1");
  }
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  octal(h, 148, 8, e.badChecksum === true ? sum + 1 : sum);
  const pad = (512 - (body.length % 512)) % 512;
  return Buffer.concat([h, body, Buffer.alloc(pad)]);
}

/** GNU `L`/`K` record carrying `data` (NUL-terminated). */
export function longRecord(type: "L" | "K", data: string): Buffer {
  return rawRecord({ name: "././@LongLink", type, body: Buffer.from(`${data}\0`), mode: 0o644 });
}

/** A pax `x` record with the given key/value pairs. */
export function paxRecord(pairs: Record<string, string>): Buffer {
  let body = "";
  for (const [k, v] of Object.entries(pairs)) {
    const rest = ` ${k}=${v}\n`;
    let len = rest.length + 1;
    while (String(len).length + Buffer.byteLength(rest) !== len) len++;
    body += `${len}${rest}`;
  }
  return rawRecord({ name: "PaxHeader", type: "x", body, mode: 0o644 });
}

export function rawTar(records: readonly (RawEntry | Buffer)[], end = true): Buffer {
  const parts = records.map((r) => (Buffer.isBuffer(r) ? r : rawRecord(r)));
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function zst(tar: Buffer): Buffer {
  return zstdCompressSync(tar);
}

function octal(h: Buffer, off: number, len: number, value: number): void {
  h.write(value.toString(8).padStart(len - 1, "0"), off, len - 1, "latin1");
  h[off + len - 1] = 0;
}
