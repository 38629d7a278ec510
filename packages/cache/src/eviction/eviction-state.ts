import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { STATE_DIR } from "./cache-markers.js";
import { budgetEnabled, type EvictionBudget } from "./eviction-budget.js";

/**
 * What the last full scan of a cache dir found, kept in `.turbine/state.json` so that a run only
 * scans when eviction may have something to do: a scan of tens of thousands of files costs a
 * run's machine more than anything else eviction does.
 */
export interface EvictionState {
  /** When the scan was taken. */
  readonly atMs: number;
  /** Entries and bytes after that eviction, plus what Turbine runs wrote since. */
  readonly entries: number;
  readonly bytes: number;
  /** The least recently used entry then (artifact mtime): nothing gets older than that. */
  readonly oldestMs: number | undefined;
  /** The size limit in force then (0 = none). */
  readonly limitBytes: number;
  /** The budget the scan was judged by: another budget means another verdict. */
  readonly budgetKey: string;
  /** The eviction stopped at its time limit with entries still due. */
  readonly incomplete: boolean;
}

/**
 * How long a verdict of "nothing to do" stands: writers Turbine does not see (turbo runs, remote
 * hits stored by turbo) can push a cache past its size limit for at most this long.
 */
export const RESCAN_MS = 10 * 60_000;

const FILE = "state.json";

export function budgetKey(budget: EvictionBudget): string {
  const { maxSize } = budget;
  const size =
    maxSize.kind === "bytes"
      ? String(maxSize.bytes)
      : `${String(maxSize.share)}/${String(maxSize.capBytes)}`;
  return `${String(budget.maxAgeMs)}:${size}`;
}

export function readEvictionState(cacheDir: string): EvictionState | undefined {
  try {
    const value = JSON.parse(readFileSync(join(cacheDir, STATE_DIR, FILE), "utf8")) as unknown;
    return isState(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole (staged and renamed); a failure only means the next run scans. */
export function writeEvictionState(cacheDir: string, state: EvictionState): void {
  const target = join(cacheDir, STATE_DIR, FILE);
  const staging = `${target}.${String(process.pid)}.tmp`;
  try {
    writeFileSync(staging, JSON.stringify(state));
    renameSync(staging, target);
  } catch {
    // the state is a hint
  }
}

/**
 * Why eviction has to scan now, or undefined when the last scan's verdict still stands: recent,
 * complete, under the same budget, no entry old enough to have expired (entries only get
 * younger: hits refresh them, writes are new), and the bytes known since within the limit.
 */
export function whyDue(
  state: EvictionState | undefined,
  budget: EvictionBudget,
  nowMs: number,
): string | undefined {
  if (!budgetEnabled(budget)) return undefined;
  if (state === undefined) return "no earlier scan";
  if (state.incomplete) return "the last eviction was cut short";
  if (state.budgetKey !== budgetKey(budget)) return "the budget changed";
  if (nowMs - state.atMs >= RESCAN_MS) return "the last scan is over 10 minutes old";
  if (
    budget.maxAgeMs > 0 &&
    state.oldestMs !== undefined &&
    state.oldestMs <= nowMs - budget.maxAgeMs
  ) {
    return "an entry may be past the max age";
  }
  if (state.limitBytes > 0 && state.bytes > state.limitBytes)
    return "the cache may be past the max size";
  return undefined;
}

function isState(value: unknown): value is EvictionState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.atMs === "number" &&
    typeof v.entries === "number" &&
    typeof v.bytes === "number" &&
    (v.oldestMs === undefined || typeof v.oldestMs === "number") &&
    typeof v.limitBytes === "number" &&
    typeof v.budgetKey === "string" &&
    typeof v.incomplete === "boolean"
  );
}
