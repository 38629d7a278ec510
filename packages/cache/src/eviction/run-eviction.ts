import { createMarker, removeMarker } from "./cache-markers.js";
import { evictCache } from "./evict-cache.js";
import { budgetEnabled, type EvictionBudget } from "./eviction-budget.js";
import type { EvictionReport } from "./eviction-report.js";
import { ScanWorker } from "./scan-worker.js";

export interface RunEvictionOptions {
  readonly cacheDir: string;
  readonly budget: EvictionBudget;
  /** See `evictCache`. */
  readonly graceMs?: number;
}

/**
 * One run's side of eviction. From the start, a lease in the cache dir tells every other eviction
 * that this run is live (what it reads from now on is in use) and, when the budget can evict
 * anything, a worker scans the directory. After the run's last task, `finish` evicts with that
 * scan: the run's own hits and writes are never candidates, and the run's thread only spends
 * what removal costs.
 */
export class RunEviction {
  readonly #hits = new Set<string>();
  readonly #startMs = Date.now();
  readonly #lease: string | undefined;
  readonly #scan: ScanWorker | undefined;
  #done = false;

  constructor(private readonly options: RunEvictionOptions) {
    this.#lease = createMarker(options.cacheDir, "run", this.#startMs);
    this.#scan = budgetEnabled(options.budget) ? new ScanWorker(options.cacheDir) : undefined;
  }

  /** A local hit: never evicted while this run lives. */
  noteHit(hash: string): void {
    this.#hits.add(hash);
  }

  /**
   * Evicts (unless `evict` is false: an interrupted run only cleans up), then ends the lease.
   * Undefined when the budget is off.
   */
  async finish(evict = true): Promise<EvictionReport | undefined> {
    if (this.#done) return undefined;
    this.#done = true;
    try {
      if (this.#scan === undefined) return undefined;
      if (!evict) {
        this.#scan.stop();
        return undefined;
      }
      const started = performance.now();
      const scan = await this.#scan.result();
      const report = evictCache({
        cacheDir: this.options.cacheDir,
        budget: this.options.budget,
        scan,
        exempt: this.#hits,
        runStartMs: this.#startMs,
        ...(this.options.graceMs === undefined ? {} : { graceMs: this.options.graceMs }),
      });
      return { ...report, waitMs: performance.now() - started };
    } finally {
      if (this.#lease !== undefined) removeMarker(this.#lease);
    }
  }
}
