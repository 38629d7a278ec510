import * as fs from "node:fs";
import * as path from "node:path";

import { markerLive, readMarkers } from "./cache-markers.js";
import { scanCacheDir } from "./cache-scan.js";
import { evictCache } from "./evict-cache.js";
import type { EvictionBudget } from "./eviction-budget.js";
import type { EvictionReport, Tally } from "./eviction-report.js";

/** `turbine cache status`: what the store holds and what the budget would do to it now. */
export interface CacheStatus {
  readonly cacheDir: string;
  readonly entries: Tally;
  /** Artifact mtimes: the least and the most recently used entry. */
  readonly oldestMs: number | undefined;
  readonly newestMs: number | undefined;
  /** Sidecars without an artifact and temp files. */
  readonly strays: Tally;
  readonly freeBytes: number;
  /** Live runs using this cache (their pids). */
  readonly liveRuns: readonly number[];
  /** A dry eviction: the budget, its size limit in force, what would go. */
  readonly eviction: EvictionReport;
}

export function cacheStatus(cacheDir: string, budget: EvictionBudget): CacheStatus {
  const scan = scanCacheDir(fs, path, cacheDir);
  const eviction = evictCache({ cacheDir, budget, scan, dry: true });
  const strays = [...scan.orphans, ...scan.temps];
  let newest: bigint | undefined;
  for (const e of scan.entries) if (newest === undefined || e.mtimeNs > newest) newest = e.mtimeNs;
  const nowMs = Date.now();
  return {
    cacheDir,
    entries: eviction.before,
    oldestMs: eviction.before.entries === 0 ? undefined : oldestOf(scan.entries),
    newestMs: newest === undefined ? undefined : Number(newest / 1_000_000n),
    strays: { entries: strays.length, bytes: strays.reduce((sum, f) => sum + f.bytes, 0) },
    freeBytes: scan.freeBytes,
    liveRuns: readMarkers(cacheDir)
      .filter((m) => m.kind === "run" && markerLive(m, nowMs))
      .map((m) => m.pid),
    eviction,
  };
}

function oldestOf(entries: readonly { mtimeNs: bigint }[]): number {
  let min = entries[0]?.mtimeNs ?? 0n;
  for (const e of entries) if (e.mtimeNs < min) min = e.mtimeNs;
  return Number(min / 1_000_000n);
}
