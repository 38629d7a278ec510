import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { posix } from "node:path";

/** turbo's log file name for a task: `turbo-<task>.log`, with `:` written as `$colon$`. */
export function logFileName(task: string): string {
  return `turbo-${task.replaceAll(":", "$colon$")}.log`;
}

/** Repo-relative log path: `<packageDir>/.turbo/turbo-<task>.log` (`.turbo/…` for the root). */
export function logFilePath(packageDir: string, task: string): string {
  return posix.join(packageDir, ".turbo", logFileName(task));
}

/** Bytes read from a log at a time, and decoded at a time. */
const READ_CHUNK = 1024 * 1024;
const DECODE_CHUNK = 64 * 1024;
/** A line longer than this many characters is replayed in pieces of this size. */
const MAX_LINE = 4 * 1024 * 1024;

/**
 * Splits a log into lines for replay, chunk by chunk: on `\n`, with the empty string after a
 * final newline dropped (a log that ends in "\n" does not replay an extra blank line). `push` the bytes as they are
 * read, then `end`. Text is decoded 64 KiB at a time, so every string stays in V8's young
 * generation (a string past ~128 KiB is allocated in the old generation and only freed by a full
 * collection, which let a replay's memory grow with the log).
 */
export class LogLineSplitter {
  readonly #decoder = new TextDecoder("utf-8");
  readonly #onLine: (line: string) => void;
  #carry = "";

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += DECODE_CHUNK) {
      const text = this.#decoder.decode(bytes.subarray(at, at + DECODE_CHUNK), { stream: true });
      const end = text.lastIndexOf("\n");
      let carry: string;
      if (end === -1) {
        carry = this.#carry + text;
      } else {
        for (const line of (this.#carry + text.slice(0, end)).split("\n")) this.#onLine(line);
        carry = text.slice(end + 1);
      }
      while (carry.length > MAX_LINE) {
        this.#onLine(carry.slice(0, MAX_LINE));
        carry = carry.slice(MAX_LINE);
      }
      this.#carry = carry;
    }
  }

  end(): void {
    const last = this.#carry + this.#decoder.decode();
    this.#carry = "";
    if (last !== "") this.#onLine(last);
  }
}

/**
 * Calls `onLine` for each line of the log at `path` (see `LogLineSplitter`), reading at most 1 MiB at a time: a log of any
 * size replays in constant memory (turbo streams it too). The reads are synchronous (a log is
 * usually a few KiB, and a thread-pool round trip costs more than reading it); between two reads
 * `between` is awaited, so the caller can hold a long replay while its output drains. A missing or
 * unreadable log, or one that is not a regular file, replays nothing (`O_NONBLOCK`: a FIFO
 * planted there is never waited on).
 */
export async function readLogLines(
  path: string,
  onLine: (line: string) => void,
  between?: () => Promise<void>,
): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return; // a device (/dev/zero) would never end
    const size = stat.size;
    const buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 4096), READ_CHUNK));
    const splitter = new LogLineSplitter(onLine);
    for (let n = readQuietly(fd, buffer), first = true; n > 0; n = readQuietly(fd, buffer)) {
      if (!first) await between?.();
      first = false;
      splitter.push(buffer.subarray(0, n));
    }
    splitter.end();
  } finally {
    closeSync(fd);
  }
}

/** A read error ends the log where it is (a replay is best-effort). */
function readQuietly(fd: number, buffer: Buffer): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, null);
  } catch {
    return 0;
  }
}
