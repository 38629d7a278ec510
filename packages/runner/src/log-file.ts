import { posix } from "node:path";

/** turbo's log file name for a task: `turbo-<task>.log`, with `:` written as `$colon$`. */
export function logFileName(task: string): string {
  return `turbo-${task.replaceAll(":", "$colon$")}.log`;
}

/** Repo-relative log path: `<packageDir>/.turbo/turbo-<task>.log` (`.turbo/…` for the root). */
export function logFilePath(packageDir: string, task: string): string {
  return posix.join(packageDir, ".turbo", logFileName(task));
}

/**
 * The lines of a restored log for replay: split on `\n`, with the empty string after a final
 * newline dropped (a log that ends in "\n" does not replay an extra blank line).
 */
export function logLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
