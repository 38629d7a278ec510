import {
  createMarker,
  type Marker,
  markerLive,
  readMarkers,
  removeMarker,
  sweepMarkers,
} from "./cache-markers.js";

/** mtimes are coarse on some file systems (FAT 2 s, HFS+ 1 s): the guard starts this much earlier. */
const MTIME_SLACK_MS = 2_000;

/**
 * The moment from which a use makes an entry "in use", in ns: the start of the oldest live run
 * (the caller's own included), or `graceMs` before now, whichever is earlier, less the mtime
 * slack. Runs refresh an entry's mtime before they read it and write fresh files, so nothing a
 * live run touched is older than its start. Dead runs' markers are swept on the way.
 */
export function inUseSince(
  cacheDir: string,
  nowMs: number,
  graceMs: number,
  runStartMs: number | undefined,
  sweep: boolean,
): bigint {
  const markers = readMarkers(cacheDir);
  if (sweep) sweepMarkers(cacheDir, markers, nowMs);
  let since = nowMs - graceMs;
  if (runStartMs !== undefined) since = Math.min(since, runStartMs);
  for (const marker of markers) {
    if (marker.kind === "run" && markerLive(marker, nowMs)) since = Math.min(since, marker.startMs);
  }
  return BigInt(Math.floor(since - MTIME_SLACK_MS)) * 1_000_000n;
}

/**
 * Claims the directory for one eviction: the oldest live claim wins and the others skip. Two
 * claims made in the same millisecond could both win; that is only wasteful, as removal is safe
 * against a concurrent eviction (see `EntryRemover`).
 */
export function claimEviction(
  cacheDir: string,
  nowMs: number,
): { release: () => void } | { busy: string } {
  const mine = createMarker(cacheDir, "evict", nowMs);
  if (mine === undefined) return { busy: `cannot write in ${cacheDir}` };
  const first = readMarkers(cacheDir)
    .filter((m) => m.kind === "evict" && markerLive(m, nowMs))
    .sort((a, b) => a.startMs - b.startMs || (a.name < b.name ? -1 : 1))[0];
  if (first !== undefined && !mine.endsWith(first.name)) {
    removeMarker(mine);
    return { busy: busyText(first) };
  }
  return {
    release: () => {
      removeMarker(mine);
    },
  };
}

function busyText(marker: Marker): string {
  return `another eviction is running (pid ${String(marker.pid)} on ${marker.host})`;
}
