import { refused } from "./artifact-error.js";
import { decodeHeader, isZeroBlock, type RawHeader, readString } from "./tar-header-decode.js";
import { BLOCK, paddingFor } from "./tar-header-encode.js";

/** What a sink receives for each real (non-metadata) entry, long names already applied. */
export type TarEntryHeader = RawHeader;

/**
 * Receives entries in archive order: `entry`, then `data` zero or more times, then `endEntry`.
 * Synchronous: a sink that throws stops the parse there.
 */
export interface TarSink {
  entry(header: TarEntryHeader): void;
  data(chunk: Buffer): void;
  endEntry(): void;
}

const enum State {
  Header,
  Body,
  Meta,
  Pad,
  End,
}

interface PendingMeta {
  longName?: string;
  longLink?: string;
  paxPath?: string;
  paxLink?: string;
  paxSize?: number;
}

/**
 * A minimal push parser for tar streams: ustar, GNU (`L`/`K` long names) and pax (`path`,
 * `linkpath`, `size`; other keys ignored). Metadata records apply only to the next real entry,
 * never to another metadata record. The first zero block ends the archive (as Rust's `tar`).
 * Bodies are passed through as sub-slices of the pushed chunks; nothing is buffered but one
 * header block and metadata records up to `maxMetaBytes`.
 */
export class TarParser {
  #state = State.Header;
  readonly #block = Buffer.alloc(BLOCK);
  #fill = 0;
  #remaining = 0;
  #pad = 0;
  #metaType = "";
  #metaParts: Buffer[] = [];
  #meta: PendingMeta = {};
  readonly #sink: TarSink;
  readonly #maxMetaBytes: number;

  constructor(sink: TarSink, maxMetaBytes: number) {
    this.#sink = sink;
    this.#maxMetaBytes = maxMetaBytes;
  }

  get ended(): boolean {
    return this.#state === State.End;
  }

  push(chunk: Buffer): void {
    let off = 0;
    const len = chunk.length;
    while (off < len) {
      switch (this.#state) {
        case State.Header: {
          let block: Buffer;
          if (this.#fill === 0 && len - off >= BLOCK) {
            block = chunk.subarray(off, off + BLOCK);
            off += BLOCK;
          } else {
            const n = Math.min(BLOCK - this.#fill, len - off);
            chunk.copy(this.#block, this.#fill, off, off + n);
            this.#fill += n;
            off += n;
            if (this.#fill < BLOCK) return;
            this.#fill = 0;
            block = this.#block;
          }
          this.#onHeader(block);
          break;
        }
        case State.Body: {
          const n = Math.min(this.#remaining, len - off);
          if (n > 0) this.#sink.data(chunk.subarray(off, off + n));
          off += n;
          this.#remaining -= n;
          if (this.#remaining === 0) this.#endBody();
          break;
        }
        case State.Meta: {
          const n = Math.min(this.#remaining, len - off);
          this.#metaParts.push(chunk.subarray(off, off + n));
          off += n;
          this.#remaining -= n;
          if (this.#remaining === 0) this.#endMeta();
          break;
        }
        case State.Pad: {
          const n = Math.min(this.#pad, len - off);
          off += n;
          this.#pad -= n;
          if (this.#pad === 0) this.#state = State.Header;
          break;
        }
        case State.End:
          return;
      }
    }
  }

  /** Call when the input ends; throws ERR_ARTIFACT_TRUNCATED unless the end marker was seen. */
  finish(): void {
    if (this.#state !== State.End) {
      throw refused(
        "ERR_ARTIFACT_TRUNCATED",
        "the tar stream ended before its end-of-archive marker",
      );
    }
  }

  #onHeader(block: Buffer): void {
    if (isZeroBlock(block)) {
      this.#state = State.End;
      return;
    }
    const raw = decodeHeader(block);
    if ("LKxg".includes(raw.typeflag)) {
      if (raw.size > this.#maxMetaBytes) {
        throw refused(
          "ERR_ARTIFACT_LIMIT",
          `tar metadata record of ${raw.size} bytes is too large`,
        );
      }
      this.#metaType = raw.typeflag;
      this.#metaParts = [];
      this.#pad = paddingFor(raw.size);
      this.#remaining = raw.size;
      this.#state = State.Meta;
      if (raw.size === 0) this.#endMeta();
      return;
    }
    const header = this.#applyMeta(raw);
    this.#remaining = header.size;
    this.#pad = paddingFor(header.size);
    this.#state = State.Body;
    this.#sink.entry(header);
    if (header.size === 0) this.#endBody();
  }

  #endBody(): void {
    this.#state = this.#pad > 0 ? State.Pad : State.Header;
    this.#sink.endEntry();
  }

  #endMeta(): void {
    this.#state = this.#pad > 0 ? State.Pad : State.Header;
    const data = Buffer.concat(this.#metaParts);
    this.#metaParts = [];
    if (this.#metaType === "L") this.#meta.longName = readString(data, 0, data.length);
    else if (this.#metaType === "K") this.#meta.longLink = readString(data, 0, data.length);
    else if (this.#metaType === "x") parsePax(data, this.#meta);
  }

  #applyMeta(raw: RawHeader): RawHeader {
    const m = this.#meta;
    this.#meta = {};
    if (m.paxPath !== undefined && m.longName !== undefined) throw ambiguous();
    if (m.paxLink !== undefined && m.longLink !== undefined) throw ambiguous();
    return {
      ...raw,
      name: m.paxPath ?? m.longName ?? raw.name,
      linkname: m.paxLink ?? m.longLink ?? raw.linkname,
      size: m.paxSize ?? raw.size,
    };
  }
}

/** pax records: `<len> <key>=<value>\n`, `len` counting the whole record. */
function parsePax(data: Buffer, meta: PendingMeta): void {
  let off = 0;
  while (off < data.length) {
    const space = data.indexOf(0x20, off);
    const len = Number(data.toString("latin1", off, space));
    if (space === -1 || !Number.isSafeInteger(len) || len <= 0 || off + len > data.length) {
      throw refused("ERR_ARTIFACT_CORRUPT", "malformed pax extended header");
    }
    const record = data.toString("utf8", space + 1, off + len - 1);
    if (record.includes("\0")) {
      throw refused("ERR_ARTIFACT_NUL_IN_NAME", "pax record contains a NUL byte");
    }
    const eq = record.indexOf("=");
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === "path") meta.paxPath = value;
    else if (key === "linkpath") meta.paxLink = value;
    else if (key === "size") {
      if (!/^\d+$/.test(value)) throw refused("ERR_ARTIFACT_CORRUPT", "bad pax size");
      meta.paxSize = Number(value);
    }
    off += len;
  }
}

function ambiguous(): Error {
  return refused("ERR_ARTIFACT_CORRUPT", "entry has both a pax and a GNU long name");
}
