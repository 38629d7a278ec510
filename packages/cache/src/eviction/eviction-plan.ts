import type { ScannedEntry } from "./cache-scan.js";

export interface PlanLimits {
  readonly nowMs: number;
  /** 0 = no age limit. */
  readonly maxAgeMs: number;
  /** 0 = no size limit. */
  readonly maxBytes: number;
  /** Entries whose artifact mtime is at or after this are in use (a live run, or too fresh). */
  readonly guardNs: bigint;
  /** Hashes a live run has read (covers entries whose mtime could not be refreshed). */
  readonly exempt: ReadonlySet<string>;
}

export interface Victim {
  readonly entry: ScannedEntry;
  /** `all`: `turbine cache clean`, whatever the limits. */
  readonly reason: "age" | "size" | "all";
}

export interface EvictionPlan {
  /** Age victims first, then size victims oldest first: the order turbo removes them in. */
  readonly victims: readonly Victim[];
  /** Entries turbo's rules would remove that are in use, so they stay. */
  readonly spared: number;
}

/**
 * turbo 2.11.13's two passes over the entries of one scan: every entry older than the age limit
 * goes; then, while the rest add up to more than the size limit, the least recently used (oldest
 * artifact mtime; ties in directory order) goes. Entries in use are never chosen. Pure.
 */
export function planEviction(entries: readonly ScannedEntry[], limits: PlanLimits): EvictionPlan {
  const inUse = (e: ScannedEntry): boolean =>
    e.mtimeNs >= limits.guardNs || limits.exempt.has(e.hash);
  const victims: Victim[] = [];
  const spared = new Set<string>();
  let rest: ScannedEntry[] = [...entries];
  if (limits.maxAgeMs > 0) {
    const cutoffNs = BigInt(Math.floor(limits.nowMs - limits.maxAgeMs)) * 1_000_000n;
    rest = [];
    for (const entry of entries) {
      if (entry.mtimeNs >= cutoffNs) rest.push(entry);
      else if (inUse(entry)) {
        spared.add(entry.hash);
        rest.push(entry);
      } else victims.push({ entry, reason: "age" });
    }
  }
  let total = rest.reduce((sum, e) => sum + e.bytes, 0);
  if (limits.maxBytes > 0 && total > limits.maxBytes) {
    // Array.prototype.sort is stable: equal mtimes keep directory order.
    const oldestFirst = [...rest].sort((a, b) =>
      a.mtimeNs < b.mtimeNs ? -1 : a.mtimeNs > b.mtimeNs ? 1 : 0,
    );
    for (const entry of oldestFirst) {
      if (total <= limits.maxBytes) break;
      if (inUse(entry)) {
        spared.add(entry.hash);
        continue;
      }
      victims.push({ entry, reason: "size" });
      total -= entry.bytes;
    }
  }
  return { victims, spared: spared.size };
}
