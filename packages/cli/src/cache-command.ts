import { relative, resolve } from "node:path";

import {
  type CacheStatus,
  cacheStatusOf,
  describeBudget,
  type EvictionReport,
  formatBytes,
  formatDuration,
  pruneCache,
} from "@turbine/runner";

import type { CacheFlags } from "./args/cache-args.js";
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
    err(`Nothing removed: ${report.skipReason ?? "skipped"}.`);
    return { exitCode: 1 };
  }
  for (const line of resultLines(report, flags.action)) out(line);
  return { exitCode: 0 };
}

function statusLines(status: CacheStatus, cwd: string): string[] {
  const now = Date.now();
  const ago = (ms: number | undefined): string =>
    ms === undefined ? "-" : `${formatDuration(Math.max(0, now - ms))} ago`;
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
  const { removed, after } = report;
  const verb = report.dry ? "Would remove" : "Removed";
  const lines = [
    removed.entries === 0
      ? `${report.dry ? "Would remove" : "Removed"} nothing; ${plural(after.entries, "entry", "entries")} (${formatBytes(after.bytes)}) in the cache.`
      : `${verb} ${removedText(report)}; ${plural(after.entries, "entry", "entries")} (${formatBytes(after.bytes)}) ${report.dry ? "would be" : ""} left.`.replace(
          "  ",
          " ",
        ),
  ];
  if (action === "prune")
    lines.push(`Budget: ${describeBudget(report.budget, report.limitBytes)}.`);
  if (report.inUse > 0) {
    lines.push(
      `Kept ${plural(report.inUse, "entry", "entries")} in use by a live run or used in the last minute.`,
    );
  }
  if (report.swept.entries > 0) {
    lines.push(
      `Deleted ${plural(report.swept.entries, "leftover file", "leftover files")} (${formatBytes(report.swept.bytes)}).`,
    );
  }
  return lines;
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
