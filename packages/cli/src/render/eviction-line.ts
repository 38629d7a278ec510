import { describeBudget, type EvictionReport, formatBytes } from "@turbine/runner";

/**
 * The `-v` line for a run's eviction. It starts with turbo's own words (`cache eviction: removed
 * 2 entries, reclaimed 2056 bytes`, or `no entries removed`) and goes on with what Turbine adds:
 * human sizes, what is left and what is still due, the budget, entries kept because a live run
 * uses them, why the cache was scanned and what it cost, or why it was not.
 */
export function evictionLine(report: EvictionReport): string {
  const { removed, after, pending } = report;
  const budget = describeBudget(report.budget, report.limitBytes);
  const size = (t: { entries: number; bytes: number }): string =>
    `${plural(t.entries, "entry", "entries")} (${formatBytes(t.bytes)})`;
  switch (report.status) {
    case "skipped":
      return `cache eviction: skipped, ${report.reason ?? "unknown reason"}`;
    case "not-due":
      return `cache eviction: no entries removed; nothing due ${report.reason ?? "since the last scan"}; ${size(after)}; ${budget}`;
    case "done":
      break;
  }
  const head =
    removed.entries === 0
      ? "cache eviction: no entries removed"
      : `cache eviction: removed ${String(removed.entries)} entries, reclaimed ${String(removed.bytes)} bytes (${formatBytes(removed.bytes)})`;
  const details = [`${size(after)} left`];
  if (pending.entries > 0) details.push(`${size(pending)} still due, for the next run`);
  details.push(budget);
  if (report.inUse > 0) details.push(`${plural(report.inUse, "entry", "entries")} kept in use`);
  if (report.swept.entries > 0) {
    details.push(`${plural(report.swept.entries, "leftover file", "leftover files")} deleted`);
  }
  const why = report.reason === undefined ? "" : ` (${report.reason})`;
  details.push(
    `scan ${report.scanMs.toFixed(1)}ms${why}, ${report.waitMs.toFixed(1)}ms after the last task`,
  );
  return `${head}; ${details.join("; ")}`;
}

/** `1 entry`, `10,000 entries` (digits grouped by hand: `toLocaleString` loads ICU, ~17 ms). */
export function plural(n: number, one: string, many: string): string {
  const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${digits} ${n === 1 ? one : many}`;
}
