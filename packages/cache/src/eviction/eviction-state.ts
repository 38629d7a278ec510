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
 * How long a verdict of "nothing to do" stands. Writers Turbine does not see (turbo runs, remote
 * hits turbo stores) can take a cache past its size limit unnoticed, so an older verdict is
 * checked again: by the next run that stores something (which is doing real work anyway) once
 * it is an hour old, by any run once it is a day old.
 */
export const RESCAN_MS = 3600_000;
export const RESCAN_IDLE_MS = 24 * 3600_000;

/** Scan from the run's start (`now`), from its first write (`on-write`), or not at all. */
export interface Due {
  readonly when: "now" | "on-write";
  readonly reason: string;
}

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
 * Whether eviction has to scan, and why; undefined when the last scan's verdict still stands:
 * complete, under the same budget, no entry old enough to have expired (entries only get
 * younger: hits refresh them, writes are new), the bytes known since within the limit, and
 * recent (see `RESCAN_MS`).
 */
export function whyDue(
  state: EvictionState | undefined,
  budget: EvictionBudget,
  nowMs: number,
): Due | undefined {
  const now = (reason: string): Due => ({ when: "now", reason });
  if (!budgetEnabled(budget)) return undefined;
  if (state === undefined) return now("no earlier scan");
  if (state.incomplete) return now("the last eviction was cut short");
  if (state.budgetKey !== budgetKey(budget)) return now("the budget changed");
  const expired = state.oldestMs !== undefined && state.oldestMs <= nowMs - budget.maxAgeMs;
  if (budget.maxAgeMs > 0 && expired) return now("an entry may be past the max age");
  if (state.limitBytes > 0 && state.bytes > state.limitBytes) {
    return now("the cache may be past the max size");
  }
  const age = nowMs - state.atMs;
  if (age >= RESCAN_IDLE_MS) return now("the last scan is a day old");
  if (age >= RESCAN_MS) return { when: "on-write", reason: "the last scan is an hour old" };
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
