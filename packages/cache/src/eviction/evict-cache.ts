import * as fs from "node:fs";
import * as path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";

import { type CacheScan, scanCacheDir, type ScannedEntry } from "./cache-scan.js";
import { budgetEnabled, type EvictionBudget, sizeLimit } from "./eviction-budget.js";
import { claimEviction, inUseSince } from "./eviction-guard.js";
import { type EvictionPlan, planEviction, type PlanLimits, type Victim } from "./eviction-plan.js";
import { type EvictionReport, oldestMs, skippedReport, tally } from "./eviction-report.js";
import { budgetKey, writeEvictionState } from "./eviction-state.js";
import { type EvictionProgress, hasStrays, type Removed, removeVictims } from "./remove-victims.js";

/**
 * Entries younger than this are never removed, whatever the budget: turbo runs hold no lease, and
 * one writing or reading an entry right now has just given it a fresh mtime.
 */
export const DEFAULT_GRACE_MS = 60_000;

export interface EvictOptions {
  readonly cacheDir: string;
  readonly budget: EvictionBudget;
  /** A scan taken earlier (by a run's worker); the directory is scanned now when absent. */
  readonly scan?: CacheScan;
  /** Hashes the calling run read: never removed, even if their mtime could not be refreshed. */
  readonly exempt?: ReadonlySet<string>;
  /** When the calling run started: what it used or wrote since is in use. */
  readonly runStartMs?: number;
  /** Default {@link DEFAULT_GRACE_MS}. */
  readonly graceMs?: number;
  /** Plan only: report what would go, change nothing. */
  readonly dry?: boolean;
  /** Remove every entry not in use, whatever the budget (`turbine cache clean`). */
  readonly all?: boolean;
  /** `performance.now()` past which no further entry is removed (the rest stays `pending`). */
  readonly deadline?: number;
  /** Told of each entry removed, right after its removal. */
  readonly onRemove?: (hash: string, reason: Victim["reason"]) => void;
}

/**
 * One eviction of a cache directory under `budget`: turbo's passes (see `planEviction`) over a
 * scan, never touching an entry in use, each entry removed as a unit (see `EntryRemover`), then
 * the verdict kept for the next run (`eviction-state.ts`). Synchronous: a run calls it after its
 * last task, with the scan its worker took meanwhile.
 */
export function evictCache(options: EvictOptions): EvictionReport {
  const steps = evictionSteps(options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done === true) return step.value;
}

/** `evictCache` that reports progress and lets the event loop turn between batches (a CLI). */
export async function evictCacheWithProgress(
  options: EvictOptions,
  onProgress: (progress: EvictionProgress) => void,
): Promise<EvictionReport> {
  const steps = evictionSteps(options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done === true) return step.value;
    onProgress(step.value);
    await nextTurn();
  }
}

function* evictionSteps(options: EvictOptions): Generator<EvictionProgress, EvictionReport> {
  const started = performance.now();
  const nowMs = Date.now();
  const dry = options.dry === true;
  const scan = options.scan ?? scanCacheDir(fs, path, options.cacheDir);
  const before = tally(scan.entries);
  const enabled = budgetEnabled(options.budget);
  const limitBytes = enabled ? sizeLimit(options.budget, before.bytes, scan.freeBytes) : 0;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const guardNs = inUseSince(options.cacheDir, nowMs, graceMs, options.runStartMs, !dry);
  const limits: PlanLimits = {
    nowMs,
    maxAgeMs: options.budget.maxAgeMs,
    maxBytes: limitBytes,
    guardNs,
    exempt: options.exempt ?? new Set<string>(),
  };
  const plan =
    options.all === true ? planAll(scan.entries, limits) : planEviction(scan.entries, limits);
  const removeStarted = performance.now();
  const busy = plan.victims.length > 0 || hasStrays(scan, limits);
  const claim = dry || !busy ? undefined : claimEviction(options.cacheDir, nowMs);
  if (claim !== undefined && "busy" in claim) return skippedReport(options.budget, claim.busy);
  let outcome: Removed;
  try {
    outcome =
      dry || !busy
        ? { removed: plan.victims, gone: [], inUse: 0, pending: [], swept: tally([]) }
        : yield* removeVictims(options, plan.victims, scan, limits);
  } finally {
    if (claim !== undefined && "release" in claim) claim.release();
  }
  const left = new Set([...outcome.removed, ...outcome.gone].map((v) => v.entry.hash));
  const remaining = scan.entries.filter((e) => !left.has(e.hash));
  const report: EvictionReport = {
    status: "done",
    dry,
    budget: options.budget,
    limitBytes,
    before,
    removed: {
      ...tally(outcome.removed.map((v) => v.entry)),
      byAge: outcome.removed.filter((v) => v.reason === "age").length,
      bySize: outcome.removed.filter((v) => v.reason === "size").length,
    },
    after: tally(remaining),
    pending: tally(outcome.pending.map((v) => v.entry)),
    inUse: plan.spared + outcome.inUse,
    swept: outcome.swept,
    oldestMs: oldestMs(remaining),
    scanMs: options.scan?.durationMs ?? removeStarted - started,
    removeMs: performance.now() - removeStarted,
    waitMs: performance.now() - started,
  };
  if (!dry && enabled) keepVerdict(options, report, nowMs);
  return report;
}

function keepVerdict(options: EvictOptions, report: EvictionReport, nowMs: number): void {
  writeEvictionState(options.cacheDir, {
    atMs: nowMs,
    entries: report.after.entries,
    bytes: report.after.bytes,
    oldestMs: report.oldestMs,
    limitBytes: report.limitBytes,
    budgetKey: budgetKey(options.budget),
    incomplete: report.pending.entries > 0,
  });
}

/** Every entry not in use (`turbine cache clean`). */
function planAll(entries: readonly ScannedEntry[], limits: PlanLimits): EvictionPlan {
  const victims: Victim[] = [];
  for (const entry of entries) {
    if (entry.mtimeNs < limits.guardNs && !limits.exempt.has(entry.hash)) {
      victims.push({ entry, reason: "all" });
    }
  }
  return { victims, spared: entries.length - victims.length };
}
