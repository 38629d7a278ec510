import { describeBudget, type EvictionReport, formatBytes } from "@turbine/runner";

/**
 * The `-v` line for a run's eviction. It starts with turbo's own words (`cache eviction: removed
 * 2 entries, reclaimed 2056 bytes`, or `no entries removed`) and goes on with what Turbine adds:
 * human sizes, what is left, the budget, entries kept because a live run uses them, the time.
 */
export function evictionLine(report: EvictionReport): string {
  if (report.status === "skipped") {
    return `cache eviction: skipped, ${report.skipReason ?? "unknown reason"}`;
  }
  const { removed, after } = report;
  const head =
    removed.entries === 0
      ? "cache eviction: no entries removed"
      : `cache eviction: removed ${String(removed.entries)} entries, reclaimed ${String(removed.bytes)} bytes (${formatBytes(removed.bytes)})`;
  const details = [
    `${plural(after.entries, "entry", "entries")} (${formatBytes(after.bytes)}) left`,
    describeBudget(report.budget, report.limitBytes),
  ];
  if (report.inUse > 0) details.push(`${plural(report.inUse, "entry", "entries")} kept in use`);
  if (report.swept.entries > 0) {
    details.push(`${plural(report.swept.entries, "leftover file", "leftover files")} deleted`);
  }
  details.push(
    `scan ${report.scanMs.toFixed(1)}ms, ${report.waitMs.toFixed(1)}ms after the last task`,
  );
  return `${head}; ${details.join("; ")}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
