import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";

import { LineSplitter } from "./line-splitter.js";

/**
 * Where one task's output goes: raw bytes into its log file in arrival order, and lines (one
 * decoder per stream) to `onLine`. Several processes, and text written around them (a package
 * manager's `> pkg@1.0.0 build` header), can share one output so the log reads as one stream.
 */
export class TaskOutput {
  readonly #log: ReturnType<typeof createWriteStream> | undefined;
  readonly #out: LineSplitter;
  readonly #err: LineSplitter;

  /** `logFile` is truncated first; undefined writes no log. */
  constructor(logFile: string | undefined, onLine: (line: string) => void) {
    if (logFile !== undefined) {
      mkdirSync(dirname(logFile), { recursive: true });
      this.#log = createWriteStream(logFile);
    }
    this.#out = new LineSplitter(onLine);
    this.#err = new LineSplitter(onLine);
  }

  write(stream: "stdout" | "stderr", chunk: Buffer | string): void {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.#log?.write(bytes);
    (stream === "stdout" ? this.#out : this.#err).push(bytes);
  }

  /** Emits unterminated last lines and closes the log; resolves once the log is on disk. */
  async end(): Promise<void> {
    this.#out.flush();
    this.#err.flush();
    const log = this.#log;
    if (log === undefined) return;
    await new Promise<void>((done) => {
      log.end(() => {
        done();
      });
    });
  }
}
