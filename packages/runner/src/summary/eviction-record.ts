import { type EvictionReport, formatDuration } from "@turbine/cache";

/**
 * The summary's `turbineCacheEviction` block (Turbine's own key, after turbo's): what local cache
 * eviction did at the end of the run. Sizes in bytes, times in milliseconds; a limit that is off
 * is null; `source` says where each limit came from (`env`, `turbo.json`, `default`, `unset`).
 */
export function evictionRecord(report: EvictionReport): Record<string, unknown> {
  const { budget } = report;
  return {
    status: report.status,
    ...(report.reason === undefined ? {} : { reason: report.reason }),
    budget: {
      maxAge: budget.maxAgeMs > 0 ? formatDuration(budget.maxAgeMs) : null,
      maxSize: report.limitBytes > 0 ? report.limitBytes : null,
      source: budget.source,
    },
    before: report.before,
    removed: report.removed,
    after: report.after,
    inUse: report.inUse,
    swept: report.swept,
    scanMs: round(report.scanMs),
    removeMs: round(report.removeMs),
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
