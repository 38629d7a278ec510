import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";

import { type LogRecord, recordJson } from "./run-log.js";

/**
 * `--log-file`: the records as a JSON array that is valid after every write, so a run stopped
 * half-way still leaves a readable file. Records written in one event-loop turn go out in one
 * write that replaces the closing `]`. Created owner-only (0600), as turbo creates it.
 */
export class LogFile {
  readonly path: string;
  readonly #fd: number;
  #end: number;
  #first = true;
  #pending: string[] = [];
  #scheduled = false;
  #closed = false;

  private constructor(path: string, fd: number, end: number) {
    this.path = path;
    this.#fd = fd;
    this.#end = end;
  }

  /** Creates (or truncates) the file with an empty array. */
  static open(path: string): LogFile {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(path, "w", 0o600);
    const start = "[\n";
    writeSync(fd, `${start}]\n`);
    return new LogFile(path, fd, Buffer.byteLength(start));
  }

  write(record: LogRecord): void {
    if (this.#closed) return;
    this.#pending.push(recordJson(record));
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.flush();
    });
  }

  /** Writes what is pending now. */
  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const body = `${this.#first ? "" : ",\n"}${this.#pending.join(",\n")}`;
    this.#pending = [];
    this.#first = false;
    writeSync(this.#fd, `${body}\n]\n`, this.#end);
    this.#end += Buffer.byteLength(body);
  }

  close(): void {
    if (this.#closed) return;
    this.flush();
    this.#closed = true;
    closeSync(this.#fd);
  }
}
