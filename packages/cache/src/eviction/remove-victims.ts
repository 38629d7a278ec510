import * as fs from "node:fs";
import * as path from "node:path";

import type { CacheScan } from "./cache-scan.js";
import type { PlanLimits, Victim } from "./eviction-plan.js";
import { NOTHING, type Tally } from "./eviction-report.js";
import { EntryRemover } from "./remove-entry.js";

/** A temp file untouched this long belongs to a process that died writing it. */
const STALE_TEMP_MS = 3600_000;
/** Removals between two progress reports (and, async, two turns of the event loop). */
const PROGRESS_EVERY = 256;

/** Removal progress: entries handled so far out of those planned. */
export interface EvictionProgress {
  readonly done: number;
  readonly total: number;
}

export interface Removed {
  readonly removed: readonly Victim[];
  /** Removed by someone else first. */
  readonly gone: readonly Victim[];
  /** Used by a run between the scan and their turn: left alone. */
  readonly inUse: number;
  /** Not reached before the deadline. */
  readonly pending: readonly Victim[];
  readonly swept: Tally;
}

export interface RemoveOptions {
  readonly cacheDir: string;
  /** `performance.now()` past which no further entry is started. */
  readonly deadline?: number;
  readonly onRemove?: (hash: string, reason: Victim["reason"]) => void;
}

/** Removes the victims in order, each as a unit, then sweeps leftovers; yields progress. */
export function* removeVictims(
  options: RemoveOptions,
  victims: readonly Victim[],
  scan: CacheScan,
  limits: PlanLimits,
): Generator<EvictionProgress, Removed> {
  const remover = new EntryRemover(options.cacheDir, limits.guardNs, limits.exempt);
  remover.sweepTrash();
  const removed: Victim[] = [];
  const gone: Victim[] = [];
  let pending: readonly Victim[] = [];
  let inUse = 0;
  for (const [i, victim] of victims.entries()) {
    if (options.deadline !== undefined && performance.now() > options.deadline) {
      pending = victims.slice(i);
      break;
    }
    if (i > 0 && i % PROGRESS_EVERY === 0) yield { done: i, total: victims.length };
    const result = remover.remove(victim.entry.hash);
    if (result === "removed") {
      removed.push(victim);
      options.onRemove?.(victim.entry.hash, victim.reason);
    } else if (result === "gone") gone.push(victim);
    else if (result === "in-use") inUse++;
  }
  return { removed, gone, inUse, pending, swept: sweepStrays(options.cacheDir, scan, limits) };
}

/** Sidecars whose artifact is gone (older than the guard) and temp files left by dead writers. */
function sweepStrays(cacheDir: string, scan: CacheScan, limits: PlanLimits): Tally {
  const staleTempNs = BigInt(limits.nowMs - STALE_TEMP_MS) * 1_000_000n;
  const strays = [
    ...scan.orphans.filter((f) => f.mtimeNs < limits.guardNs),
    ...scan.temps.filter((f) => f.mtimeNs < staleTempNs),
  ];
  let swept = NOTHING;
  for (const file of strays) {
    try {
      fs.unlinkSync(path.join(cacheDir, file.name));
      swept = { entries: swept.entries + 1, bytes: swept.bytes + file.bytes };
    } catch {
      // gone already, or not ours to delete
    }
  }
  return swept;
}

/** Whether anything would be swept: without victims or strays an eviction claims nothing. */
export function hasStrays(scan: CacheScan, limits: PlanLimits): boolean {
  const staleTempNs = BigInt(limits.nowMs - STALE_TEMP_MS) * 1_000_000n;
  return (
    scan.orphans.some((f) => f.mtimeNs < limits.guardNs) ||
    scan.temps.some((f) => f.mtimeNs < staleTempNs)
  );
}
