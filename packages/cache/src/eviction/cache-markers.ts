import { closeSync, mkdirSync, openSync, readdirSync, unlinkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/**
 * Turbine's own files in a cache directory live in `<cacheDir>/.turbine/`, which turbo never
 * looks at (its eviction counts `*.tar.zst` files at the top level only). Markers are empty files
 * whose name says everything, so creating one is atomic and reading one cannot see half of it:
 *
 * - `run-<startMs>-<pid>-<host>-<nonce>`: a run that reads or writes the cache is live. Eviction
 *   never removes an entry used since the oldest live run started.
 * - `evict-<startMs>-<pid>-<host>-<nonce>`: an eviction is under way; the oldest live one runs,
 *   the others skip (two at once would be safe, only wasteful).
 */
export const STATE_DIR = ".turbine";

export interface Marker {
  readonly kind: "run" | "evict";
  readonly startMs: number;
  readonly pid: number;
  readonly host: string;
  readonly name: string;
}

/** A run's lease stops protecting after a day: a persistent `dev` run read its entries long ago. */
const RUN_LEASE_MS = 24 * 3600 * 1000;
/** An eviction on another machine (a shared cache dir) is presumed dead after an hour. */
const FOREIGN_EVICTION_MS = 3600 * 1000;

/** This machine, as markers name it: letters and digits of the host name. */
export function hostTag(): string {
  return (
    hostname()
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 32) || "host"
  );
}

/** Creates a marker; its path, or undefined when the cache dir is not writable. */
export function createMarker(
  cacheDir: string,
  kind: Marker["kind"],
  nowMs: number,
): string | undefined {
  const dir = join(cacheDir, STATE_DIR);
  const nonce = Math.random().toString(36).slice(2, 10).padEnd(8, "0");
  const path = join(dir, `${kind}-${String(nowMs)}-${String(process.pid)}-${hostTag()}-${nonce}`);
  try {
    mkdirSync(dir, { recursive: true });
    closeSync(openSync(path, "wx"));
    return path;
  } catch {
    return undefined;
  }
}

export function removeMarker(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Every marker in the cache dir, live or not. */
export function readMarkers(cacheDir: string): Marker[] {
  let names: string[];
  try {
    names = readdirSync(join(cacheDir, STATE_DIR));
  } catch {
    return [];
  }
  const markers: Marker[] = [];
  for (const name of names) {
    const m = /^(run|evict)-(\d+)-(\d+)-([A-Za-z0-9]+)-[a-z0-9]+$/.exec(name);
    if (m === null) continue;
    const [, kind, start, pid, host] = m as unknown as [
      string,
      Marker["kind"],
      string,
      string,
      string,
    ];
    markers.push({ kind, startMs: Number(start), pid: Number(pid), host, name });
  }
  return markers;
}

/** Whether a marker's process still counts: its pid on this machine, its age elsewhere. */
export function markerLive(marker: Marker, nowMs: number): boolean {
  const age = nowMs - marker.startMs;
  if (marker.kind === "run" && age > RUN_LEASE_MS) return false;
  if (marker.host !== hostTag()) return marker.kind === "run" || age < FOREIGN_EVICTION_MS;
  return pidAlive(marker.pid);
}

/** Removes the markers of processes that are gone. */
export function sweepMarkers(cacheDir: string, markers: readonly Marker[], nowMs: number): void {
  for (const marker of markers) {
    if (!markerLive(marker, nowMs)) removeMarker(join(cacheDir, STATE_DIR, marker.name));
  }
}

export function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
