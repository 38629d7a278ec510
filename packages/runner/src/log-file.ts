import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { posix } from "node:path";

import { LineSplitter } from "./process/line-splitter.js";

/** turbo's log file name for a task: `turbo-<task>.log`, with `:` written as `$colon$`. */
export function logFileName(task: string): string {
  return `turbo-${task.replaceAll(":", "$colon$")}.log`;
}

/** Repo-relative log path: `<packageDir>/.turbo/turbo-<task>.log` (`.turbo/…` for the root). */
export function logFilePath(packageDir: string, task: string): string {
  return posix.join(packageDir, ".turbo", logFileName(task));
}

/** Bytes read from a log at a time. */
const READ_CHUNK = 1024 * 1024;

/**
 * Calls `onLine` for each line of the log at `path` (split as a task's live output is: on `\n`,
 * no blank line after a final newline), reading at most 1 MiB at a time: a log of any
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
    const splitter = new LineSplitter(onLine);
    for (let n = readQuietly(fd, buffer), first = true; n > 0; n = readQuietly(fd, buffer)) {
      if (!first) await between?.();
      first = false;
      splitter.push(buffer.subarray(0, n));
    }
    splitter.flush();
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
