import { formatDuration } from "./format-duration.js";

export interface RunFooterInput {
  /** Tasks that succeeded, executed or from the cache. */
  readonly successful: number;
  /** Tasks that were attempted (started, with a script). */
  readonly attempted: number;
  readonly cached: number;
  readonly durationMs: number;
  /** Ids of failed tasks, in any order (printed sorted, as turbo prints them). */
  readonly failed: readonly string[];
  /** Absolute path of the `--summarize` file, if one was written. */
  readonly summaryPath?: string;
}

/**
 * turbo's closing block, line by line: labels right-aligned to the longest label (`Cached:`, or
 * `Summary:` when a summary was written), values after four spaces, a trailing space on the time
 * line and `>>> FULL TURBO` when every attempted task was a cache hit, then `Summary:` and
 * `Failed:` (task ids sorted bytewise), in turbo's order. Starts and ends with a blank line.
 */
export function runFooter(input: RunFooterInput): string[] {
  const rows: [string, string][] = [
    ["Tasks:", `${input.successful} successful, ${input.attempted} total`],
    ["Cached:", `${input.cached} cached, ${input.attempted} total`],
    ["Time:", `${formatDuration(input.durationMs)} ${fullTurbo(input) ? ">>> FULL TURBO" : ""}`],
  ];
  if (input.summaryPath !== undefined) rows.push(["Summary:", input.summaryPath]);
  if (input.failed.length > 0) rows.push(["Failed:", [...input.failed].sort(bytewise).join(", ")]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return ["", ...rows.map(([label, value]) => `${label.padStart(width)}    ${value}`), ""];
}

function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function fullTurbo(input: RunFooterInput): boolean {
  return input.attempted > 0 && input.cached === input.attempted;
}
