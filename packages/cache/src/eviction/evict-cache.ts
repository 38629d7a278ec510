import * as fs from "node:fs";
import * as path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";

import { type CacheScan, scanCacheDir, type ScannedEntry } from "./cache-scan.js";
import { budgetEnabled, type EvictionBudget, sizeLimit } from "./eviction-budget.js";
import { claimEviction, inUseSince } from "./eviction-guard.js";
import { type EvictionPlan, planEviction, type PlanLimits, type Victim } from "./eviction-plan.js";
import {
  type EvictionReport,
  NOTHING,
  oldestMs,
  skippedReport,
  type Tally,
  tally,
} from "./eviction-report.js";
import { EntryRemover } from "./remove-entry.js";

/**
 * Entries younger than this are never removed, whatever the budget: turbo runs hold no lease, and
 * one writing or reading an entry right now has just given it a fresh mtime.
 */
export const DEFAULT_GRACE_MS = 60_000;
/** A temp file untouched this long belongs to a process that died writing it. */
const STALE_TEMP_MS = 3600_000;
/** Removals between two progress reports (and, async, two turns of the event loop). */
const PROGRESS_EVERY = 256;

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
  /** Told of each entry removed, right after its removal. */
  readonly onRemove?: (hash: string, reason: Victim["reason"]) => void;
}

/** Removal progress: entries handled so far out of those planned. */
export interface EvictionProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * One eviction of a cache directory under `budget`: turbo's passes (see `planEviction`) over a
 * scan, never touching an entry in use, each entry removed as a unit (see `EntryRemover`).
 * Synchronous: a run calls it after its last task, with the scan its worker took meanwhile.
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
  const claim = dry ? undefined : claimEviction(options.cacheDir, nowMs);
  if (claim !== undefined && "busy" in claim) return skippedReport(options.budget, claim.busy);
  try {
    const scan = options.scan ?? scanCacheDir(fs, path, options.cacheDir);
    const before = tally(scan.entries);
    const limitBytes = budgetEnabled(options.budget)
      ? sizeLimit(options.budget, before.bytes, scan.freeBytes)
      : 0;
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
    const outcome = dry
      ? { removed: plan.victims, gone: [], inUse: 0, swept: NOTHING }
      : yield* removeVictims(options, plan.victims, scan, limits);
    const left = new Set([...outcome.removed, ...outcome.gone].map((v) => v.entry.hash));
    const remaining = scan.entries.filter((e) => !left.has(e.hash));
    const count = (reason: Victim["reason"]): number =>
      outcome.removed.filter((v) => v.reason === reason).length;
    return {
      status: "done",
      dry,
      budget: options.budget,
      limitBytes,
      before,
      removed: {
        ...tally(outcome.removed.map((v) => v.entry)),
        byAge: count("age"),
        bySize: count("size"),
      },
      after: tally(remaining),
      inUse: plan.spared + outcome.inUse,
      swept: outcome.swept,
      oldestMs: oldestMs(remaining),
      scanMs: options.scan?.durationMs ?? removeStarted - started,
      removeMs: performance.now() - removeStarted,
      waitMs: performance.now() - started,
    };
  } finally {
    if (claim !== undefined && "release" in claim) claim.release();
  }
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

interface Outcome {
  readonly removed: Victim[];
  readonly gone: Victim[];
  readonly inUse: number;
  readonly swept: Tally;
}

function* removeVictims(
  options: EvictOptions,
  victims: readonly Victim[],
  scan: CacheScan,
  limits: PlanLimits,
): Generator<EvictionProgress, Outcome> {
  const { cacheDir } = options;
  const remover = new EntryRemover(cacheDir, limits.guardNs, limits.exempt);
  remover.sweepTrash();
  const removed: Victim[] = [];
  const gone: Victim[] = [];
  let inUse = 0;
  for (const [i, victim] of victims.entries()) {
    if (i > 0 && i % PROGRESS_EVERY === 0) yield { done: i, total: victims.length };
    const result = remover.remove(victim.entry.hash);
    if (result === "removed") {
      removed.push(victim);
      options.onRemove?.(victim.entry.hash, victim.reason);
    } else if (result === "gone") gone.push(victim);
    else if (result === "in-use") inUse++;
  }
  return { removed, gone, inUse, swept: sweepStrays(cacheDir, scan, limits) };
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
