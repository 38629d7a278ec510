/** Bytes decoded at a time. */
const DECODE_CHUNK = 64 * 1024;
/** A line longer than this many characters is handed over in pieces of this size. */
const MAX_LINE = 4 * 1024 * 1024;

/**
 * Splits a byte stream into text lines (without the `\n`). Keeps one decoder per stream so a
 * multi-byte character split across chunks decodes correctly. `flush()` emits a final
 * unterminated line, if any. Memory stays flat whatever comes in: text is decoded 64 KiB at a
 * time (strings that size stay in V8's young generation; larger ones are only freed by a full
 * collection), only the new text is searched for the end of a line, and a line past 4 Mi
 * characters is handed over in pieces.
 */
export class LineSplitter {
  readonly #decoder = new TextDecoder("utf-8");
  readonly #onLine: (line: string) => void;
  #partial = "";

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  push(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length; at += DECODE_CHUNK) {
      const text = this.#decoder.decode(chunk.subarray(at, at + DECODE_CHUNK), { stream: true });
      const end = text.lastIndexOf("\n");
      let partial: string;
      if (end === -1) {
        partial = this.#partial + text;
      } else {
        for (const line of (this.#partial + text.slice(0, end)).split("\n")) this.#onLine(line);
        partial = text.slice(end + 1);
      }
      while (partial.length > MAX_LINE) {
        this.#onLine(partial.slice(0, MAX_LINE));
        partial = partial.slice(MAX_LINE);
      }
      this.#partial = partial;
    }
  }

  flush(): void {
    const rest = this.#partial + this.#decoder.decode();
    this.#partial = "";
    if (rest.length > 0) this.#onLine(rest);
  }
}
