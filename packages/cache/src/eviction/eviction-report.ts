import type { ScannedEntry } from "./cache-scan.js";
import type { EvictionBudget } from "./eviction-budget.js";

/** A count and the bytes it adds up to. */
export interface Tally {
  readonly entries: number;
  readonly bytes: number;
}

/** What one eviction did (or, dry, would do). Sizes in bytes, times in ms. */
export interface EvictionReport {
  /**
   * `skipped`: another eviction was running, or the cache dir is not writable. `not-due`: the
   * last scan's verdict still stands (see `eviction-state.ts`), so nothing was scanned; the
   * tallies are that scan's, plus what Turbine runs wrote since.
   */
  readonly status: "done" | "skipped" | "not-due";
  /** Why a `skipped` or `not-due` eviction did nothing. */
  readonly reason?: string;
  readonly dry: boolean;
  readonly budget: EvictionBudget;
  /** The size limit in force (0 = none): fixed, or the default's share of the disk. */
  readonly limitBytes: number;
  readonly before: Tally;
  readonly removed: Tally & { readonly byAge: number; readonly bySize: number };
  readonly after: Tally;
  /** Entries due but not removed: the time limit of a run's eviction came first. */
  readonly pending: Tally;
  /** Entries the limits would remove that a live run used (or that are younger than the grace). */
  readonly inUse: number;
  /** Leftovers deleted: sidecars without an artifact, stale temp files (`entries` counts files). */
  readonly swept: Tally;
  /** The oldest entry left (artifact mtime). */
  readonly oldestMs: number | undefined;
  /** Listing and statting the directory (on a run's worker, or on the caller's thread). */
  readonly scanMs: number;
  /** Planning and removing. */
  readonly removeMs: number;
  /** What the caller's thread waited for all of it (a run: from its last task on). */
  readonly waitMs: number;
}

export const NOTHING: Tally = { entries: 0, bytes: 0 };

export function tally(entries: readonly ScannedEntry[]): Tally {
  return { entries: entries.length, bytes: entries.reduce((sum, e) => sum + e.bytes, 0) };
}

/** The artifact mtime of the least recently used entry, in ms. */
export function oldestMs(entries: readonly ScannedEntry[]): number | undefined {
  let min: bigint | undefined;
  for (const e of entries) if (min === undefined || e.mtimeNs < min) min = e.mtimeNs;
  return min === undefined ? undefined : Number(min / 1_000_000n);
}

export function skippedReport(budget: EvictionBudget, reason: string): EvictionReport {
  return {
    status: "skipped",
    reason,
    dry: false,
    budget,
    limitBytes: 0,
    before: NOTHING,
    removed: { ...NOTHING, byAge: 0, bySize: 0 },
    after: NOTHING,
    pending: NOTHING,
    inUse: 0,
    swept: NOTHING,
    oldestMs: undefined,
    scanMs: 0,
    removeMs: 0,
    waitMs: 0,
  };
}

/** A run's report when nothing was due: the last scan's tallies and what runs wrote since. */
export function notDueReport(
  budget: EvictionBudget,
  state: { entries: number; bytes: number; oldestMs: number | undefined; limitBytes: number },
  reason: string,
): EvictionReport {
  const cache = { entries: state.entries, bytes: state.bytes };
  return {
    ...skippedReport(budget, reason),
    status: "not-due",
    limitBytes: state.limitBytes,
    before: cache,
    after: cache,
    oldestMs: state.oldestMs,
  };
}
