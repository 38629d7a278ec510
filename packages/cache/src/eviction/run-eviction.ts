import { createMarker, removeMarker } from "./cache-markers.js";
import { evictCache } from "./evict-cache.js";
import { budgetEnabled, type EvictionBudget } from "./eviction-budget.js";
import { type EvictionReport, notDueReport } from "./eviction-report.js";
import { type Due, readEvictionState, whyDue, writeEvictionState } from "./eviction-state.js";
import { ScanWorker } from "./scan-worker.js";

export interface RunEvictionOptions {
  readonly cacheDir: string;
  readonly budget: EvictionBudget;
  /** See `evictCache`. */
  readonly graceMs?: number;
}

/**
 * What a run may spend evicting after its last task: a tenth of the run, between 50 ms and 1 s.
 * A larger backlog (the first run after eviction was turned on, say) is left `pending` for the
 * next runs, or `turbine cache prune`; stopping between two entries is always safe.
 */
export function removalBudgetMs(runMs: number): number {
  return Math.min(1000, Math.max(50, runMs / 10));
}

/**
 * One run's side of eviction. From the start, a lease in the cache dir tells every other eviction
 * that this run is live (what it reads from now on is in use). When the last scan's verdict no
 * longer stands (see `whyDue`), a worker scans the directory while the run works (from its
 * start, or from its first write for a merely old verdict), and `finish`, after the run's last
 * task, evicts with that scan, within `removalBudgetMs`: the run's own hits and writes are never
 * candidates, and the run's thread only spends what removal costs. Otherwise `finish` only adds
 * what the run wrote to the verdict.
 */
export class RunEviction {
  readonly #hits = new Set<string>();
  readonly #startMs = Date.now();
  readonly #lease: string | undefined;
  readonly #due: Due | undefined;
  #scan: ScanWorker | undefined;
  #written = { entries: 0, bytes: 0 };
  #done = false;

  constructor(private readonly options: RunEvictionOptions) {
    this.#lease = createMarker(options.cacheDir, "run", this.#startMs);
    const state = readEvictionState(options.cacheDir);
    this.#due = whyDue(state, options.budget, this.#startMs);
    if (this.#due?.when === "now") this.#scan = new ScanWorker(options.cacheDir);
  }

  /** A local hit: never evicted while this run lives. */
  noteHit(hash: string): void {
    this.#hits.add(hash);
  }

  /** An entry this run stored locally: counted for the verdict; an old verdict is checked now. */
  noteWrite(bytes: number): void {
    this.#written = { entries: this.#written.entries + 1, bytes: this.#written.bytes + bytes };
    if (this.#due?.when === "on-write" && this.#scan === undefined && !this.#done) {
      this.#scan = new ScanWorker(this.options.cacheDir);
    }
  }

  /**
   * Evicts (unless `evict` is false: an interrupted run only ends its lease). Undefined when
   * the budget is off.
   */
  async finish(evict = true): Promise<EvictionReport | undefined> {
    if (this.#done) return undefined;
    this.#done = true;
    try {
      if (!budgetEnabled(this.options.budget) || !evict) {
        this.#scan?.stop();
        return undefined;
      }
      return this.#scan === undefined ? this.#notDue() : await this.#evict(this.#scan);
    } finally {
      if (this.#lease !== undefined) removeMarker(this.#lease);
    }
  }

  async #evict(worker: ScanWorker): Promise<EvictionReport> {
    const started = performance.now();
    const scan = await worker.result();
    const report = evictCache({
      cacheDir: this.options.cacheDir,
      budget: this.options.budget,
      scan,
      exempt: this.#hits,
      runStartMs: this.#startMs,
      deadline: performance.now() + removalBudgetMs(Date.now() - this.#startMs),
      ...(this.options.graceMs === undefined ? {} : { graceMs: this.options.graceMs }),
    });
    return { ...report, reason: this.#due?.reason, waitMs: performance.now() - started };
  }

  /** The verdict stands; the run's writes are added to it (a lost update only means a rescan). */
  #notDue(): EvictionReport {
    const { cacheDir, budget } = this.options;
    const state = readEvictionState(cacheDir);
    if (state === undefined)
      return notDueReport(budget, { entries: 0, bytes: 0, oldestMs: undefined, limitBytes: 0 }, "");
    const now = {
      ...state,
      entries: state.entries + this.#written.entries,
      bytes: state.bytes + this.#written.bytes,
    };
    if (this.#written.entries > 0) writeEvictionState(cacheDir, now);
    const minutes = Math.floor((Date.now() - state.atMs) / 60_000);
    return notDueReport(budget, now, `since the last scan ${String(minutes)}m ago`);
  }
}
