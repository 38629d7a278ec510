/**
 * A Cap'n Proto canonical single-segment writer, enough for turbo's fixed hash schema.
 *
 * Canonical form (capnproto `set_root_canonical`): objects are laid out in pre-order, depth first,
 * in pointer-slot order; struct sections are truncated (trailing zero data words and trailing null
 * pointers dropped); composite list tags carry the maximum element size after truncation; text is
 * NUL-terminated and word-padded; an empty list allocates no words (a composite one still has its
 * tag word). The caller allocates a struct's words, then fills each pointer slot in order, which
 * appends the target right away: that is exactly the pre-order layout.
 *
 * One instance owns one growing buffer and is reused message after message (`reset`).
 */
export class CanonicalWriter {
  #buf: Buffer;
  #view: DataView;
  #end = 0;

  constructor(initialBytes = 4096) {
    this.#buf = Buffer.alloc(initialBytes);
    this.#view = new DataView(this.#buf.buffer, this.#buf.byteOffset, this.#buf.byteLength);
  }

  /** Starts a new message: word 0 is the root pointer. */
  reset(): void {
    this.#end = 0;
    this.alloc(1);
  }

  /** The message segment written so far (a view into the internal buffer). */
  bytes(): Buffer {
    return this.#buf.subarray(0, this.#end);
  }

  /** Appends `words` zeroed words and returns the index of the first. */
  alloc(words: number): number {
    const start = this.#end;
    const next = start + words * 8;
    this.#ensure(next);
    const buf = this.#buf;
    if (words <= 8) for (let i = start; i < next; i++) buf[i] = 0;
    else buf.fill(0, start, next);
    this.#end = next;
    return start >>> 3;
  }

  /** Writes a struct pointer at `ptrWord` to a struct allocated at `target`. */
  structPointer(ptrWord: number, target: number, dataWords: number, ptrCount: number): void {
    if (dataWords === 0 && ptrCount === 0) {
      this.#word(ptrWord, 0xfffffffc, 0);
      return;
    }
    this.#word(ptrWord, ((target - ptrWord - 1) << 2) >>> 0, dataWords | (ptrCount << 16));
  }

  /** Sets a 64-bit data word (as two 32-bit halves) at `word`. */
  dataWord(word: number, low: number, high = 0): void {
    this.#word(word, low >>> 0, high >>> 0);
  }

  /** Appends `text` and points `ptrWord` at it. */
  text(ptrWord: number, text: string): void {
    const start = this.#end;
    this.#ensure(start + text.length * 3 + 8);
    const buf = this.#buf;
    // Short ASCII strings (paths, hashes) are copied inline; anything else goes through utf8Write.
    let len = 0;
    const n = text.length;
    if (n <= 64) {
      for (; len < n; len++) {
        const c = text.charCodeAt(len);
        if (c >= 0x80) break;
        buf[start + len] = c;
      }
    }
    if (len < n) len = buf.write(text, start, "utf8");
    const words = (len + 8) >>> 3; // len bytes + NUL, rounded up to whole words
    const next = start + words * 8;
    for (let i = start + len; i < next; i++) buf[i] = 0;
    this.#end = next;
    this.#listPointer(ptrWord, start >>> 3, 2, len + 1);
  }

  /** Appends a List(Text) and points `ptrWord` at it. */
  textList(ptrWord: number, items: readonly string[]): void {
    const n = items.length;
    const start = this.alloc(n);
    this.#listPointer(ptrWord, start, 6, n);
    for (let i = 0; i < n; i++) this.text(start + i, items[i] as string);
  }

  /**
   * Appends a List(Entry{key, value}) of pre-sorted pairs and points `ptrWord` at it. Entries are
   * structs with no data and two set pointers.
   */
  entryList(ptrWord: number, entries: readonly (readonly [string, string])[]): void {
    const n = entries.length;
    const ptrs = n === 0 ? 0 : 2;
    const tag = this.#compositeList(ptrWord, n, 0, ptrs);
    for (let i = 0; i < n; i++) {
      const entry = entries[i] as readonly [string, string];
      const base = tag + 1 + i * 2;
      this.text(base, entry[0]);
      this.text(base + 1, entry[1]);
    }
  }

  /**
   * Appends a List(Package{found: true, key, version}) and points `ptrWord` at it. Each element
   * has one data word (found = bit 0) and two set pointers.
   */
  packageList(ptrWord: number, packages: readonly { key: string; version: string }[]): void {
    const n = packages.length;
    const tag =
      n === 0 ? this.#compositeList(ptrWord, 0, 0, 0) : this.#compositeList(ptrWord, n, 1, 2);
    for (let i = 0; i < n; i++) {
      const pkg = packages[i] as { key: string; version: string };
      const base = tag + 1 + i * 3;
      this.dataWord(base, 1);
      this.text(base + 1, pkg.key);
      this.text(base + 2, pkg.version);
    }
  }

  #compositeList(ptrWord: number, n: number, dataWords: number, ptrCount: number): number {
    const size = dataWords + ptrCount;
    const tag = this.alloc(1 + n * size);
    this.#word(ptrWord, ((tag - ptrWord - 1) << 2) | 1, ((n * size) << 3) | 7);
    this.#word(tag, (n << 2) >>> 0, dataWords | (ptrCount << 16));
    return tag;
  }

  #listPointer(ptrWord: number, target: number, elementSize: number, count: number): void {
    this.#word(
      ptrWord,
      (((target - ptrWord - 1) << 2) | 1) >>> 0,
      ((count << 3) | elementSize) >>> 0,
    );
  }

  #word(word: number, low: number, high: number): void {
    const offset = word * 8;
    this.#view.setUint32(offset, low, true);
    this.#view.setUint32(offset + 4, high, true);
  }

  #ensure(bytes: number): void {
    if (bytes <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < bytes) size *= 2;
    const next = Buffer.alloc(size);
    this.#buf.copy(next, 0, 0, this.#end);
    this.#buf = next;
    this.#view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }
}
