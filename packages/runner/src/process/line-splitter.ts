import { StringDecoder } from "node:string_decoder";

/**
 * Splits a byte stream into text lines (without the `\n`). Keeps one decoder per stream so a
 * multi-byte character split across chunks decodes correctly. `flush()` emits a final
 * unterminated line, if any.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder("utf8");
  readonly #onLine: (line: string) => void;
  #partial = "";

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  push(chunk: Buffer): void {
    const text = this.#partial + this.#decoder.write(chunk);
    let from = 0;
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", from)) {
      this.#onLine(text.slice(from, at));
      from = at + 1;
    }
    this.#partial = text.slice(from);
  }

  flush(): void {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = "";
    if (rest.length > 0) this.#onLine(rest);
  }
}
