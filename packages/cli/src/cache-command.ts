import { relative, resolve } from "node:path";

import {
  type CacheStatus,
  cacheStatusOf,
  describeBudget,
  type EvictionReport,
  formatBytes,
  pruneCache,
} from "@turbine/runner";

import type { CacheFlags } from "./commands/cache.js";
import { type CliIo, type CliResult, lineWriters } from "./io.js";
import { plural } from "./render/eviction-line.js";

/** `turbine cache status|prune|clean`: human units, progress on a terminal. */
export async function cacheCommand(flags: CacheFlags, io: CliIo): Promise<CliResult> {
  const { out, err } = lineWriters(io);
  const options = {
    cwd: resolve(io.cwd, flags.global.cwd ?? "."),
    env: io.env,
    ...(flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }),
  };
  if (flags.action === "status") {
    for (const line of statusLines(await cacheStatusOf(options), io.cwd)) out(line);
    return { exitCode: 0 };
  }
  const tty = io.stdout.isTTY === true;
  const report = await pruneCache(
    { ...options, dry: flags.dry, all: flags.action === "clean" },
    (p) => {
      if (tty) io.stderr.write(`\rRemoving: ${String(p.done)}/${String(p.total)} entries`);
    },
  );
  if (tty) io.stderr.write("\r\u001b[K");
  if (report.status === "skipped") {
    err(`Nothing removed: ${report.reason ?? "skipped"}.`);
    return { exitCode: 1 };
  }
  for (const line of resultLines(report, flags.action)) out(line);
  return { exitCode: 0 };
}

function statusLines(status: CacheStatus, cwd: string): string[] {
  const now = Date.now();
  const ago = (ms: number | undefined): string => (ms === undefined ? "-" : `${age(now - ms)} ago`);
  const { eviction } = status;
  const pending = eviction.removed;
  const lines = [
    `Cache dir   ${relative(cwd, status.cacheDir) || "."}`,
    `Entries     ${plural(status.entries.entries, "entry", "entries")}, ${formatBytes(status.entries.bytes)}`,
    `Oldest      last used ${ago(status.oldestMs)}`,
    `Newest      last used ${ago(status.newestMs)}`,
    `Budget      ${describeBudget(eviction.budget, eviction.limitBytes)}`,
    `Disk free   ${formatBytes(status.freeBytes)}`,
    `Prune now   ${pending.entries === 0 ? "nothing to remove" : `would remove ${removedText(eviction)}`}`,
  ];
  if (eviction.inUse > 0) {
    lines.push(
      `In use      ${plural(eviction.inUse, "entry", "entries")} kept (used by a live run or in the last minute)`,
    );
  }
  if (status.liveRuns.length > 0) lines.push(`Live runs   pid ${status.liveRuns.join(", ")}`);
  if (status.strays.entries > 0) {
    lines.push(
      `Leftovers   ${plural(status.strays.entries, "file", "files")}, ${formatBytes(status.strays.bytes)} (sidecars without an artifact, temp files)`,
    );
  }
  return lines;
}

function resultLines(report: EvictionReport, action: CacheFlags["action"]): string[] {
  const { removed, after, dry } = report;
  const left = `${plural(after.entries, "entry", "entries")} (${formatBytes(after.bytes)})`;
  const lines = [
    removed.entries === 0
      ? `${dry ? "Would remove" : "Removed"} nothing; ${left} in the cache.`
      : `${dry ? "Would remove" : "Removed"} ${removedText(report)}; ${left} ${dry ? "would be left" : "left"}.`,
  ];
  if (action === "prune")
    lines.push(`Budget: ${describeBudget(report.budget, report.limitBytes)}.`);
  if (report.inUse > 0) {
    lines.push(
      `Kept ${plural(report.inUse, "entry", "entries")} in use (used by a live run or in the last minute).`,
    );
  }
  if (report.swept.entries > 0) {
    const files = plural(report.swept.entries, "leftover file", "leftover files");
    lines.push(`Deleted ${files} (${formatBytes(report.swept.bytes)}).`);
  }
  return lines;
}

/** An age in its largest unit and the next one: `3d 4h`, `2h`, `5m 10s`, `12s`. */
function age(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const units = [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const;
  const i = Math.max(
    0,
    units.findIndex(([, size]) => seconds >= size),
  );
  const [unit, size] = units[i] ?? units[3];
  const next = units[i + 1];
  const rest = next === undefined ? 0 : Math.floor((seconds % size) / next[1]);
  return `${String(Math.floor(seconds / size))}${unit}${next !== undefined && rest > 0 ? ` ${String(rest)}${next[0]}` : ""}`;
}

function removedText(report: EvictionReport): string {
  const { removed } = report;
  const reasons = [
    removed.byAge > 0 ? `${String(removed.byAge)} past the max age` : "",
    removed.bySize > 0 ? `${String(removed.bySize)} least recently used past the max size` : "",
  ].filter((s) => s !== "");
  const why = reasons.length === 0 ? "" : ` (${reasons.join(", ")})`;
  return `${plural(removed.entries, "entry", "entries")}, ${formatBytes(removed.bytes)}${why}`;
}
