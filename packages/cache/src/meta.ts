/**
 * `<hash>-meta.json`: the sidecar whose presence makes a local entry a hit.
 *
 * turbo 2.11.13 writes `{"hash":…,"duration":…,"sha":…,"dirty_hash":…}` (serde_json, compact, keys in
 * that order, no trailing newline) and accepts a minimal `{"hash","duration"}` when reading.
 */
export interface CacheMeta {
  hash: string;
  /** Task wall time in ms (the time a hit saves). */
  durationMs: number;
  /** Git HEAD commit at save time, or null. */
  sha: string | null;
  /** Hash of the dirty worktree state (64 hex), or null when clean. */
  dirtyHash: string | null;
}

/** Serialises meta exactly as turbo does (byte-identical for equal values). */
export function serializeMeta(meta: CacheMeta): string {
  return (
    `{"hash":${JSON.stringify(meta.hash)},"duration":${String(toU64(meta.durationMs))},` +
    `"sha":${JSON.stringify(meta.sha)},"dirty_hash":${JSON.stringify(meta.dirtyHash)}}`
  );
}

/**
 * Parses meta.json as turbo reads it: `hash` (string) and `duration` (non-negative integer) are
 * required, `sha` and `dirty_hash` optional. Returns undefined for anything else (a miss).
 */
export function parseMeta(text: string): CacheMeta | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const { hash, duration } = record;
  if (typeof hash !== "string") return undefined;
  if (typeof duration !== "number" || !Number.isSafeInteger(duration) || duration < 0) {
    return undefined;
  }
  const sha = optionalString(record["sha"]);
  const dirtyHash = optionalString(record["dirty_hash"]);
  if (sha === false || dirtyHash === false) return undefined;
  return { hash, durationMs: duration, sha, dirtyHash };
}

function optionalString(value: unknown): string | null | false {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : false;
}

/** turbo stores durations as u64 milliseconds. */
function toU64(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.min(Math.round(ms), Number.MAX_SAFE_INTEGER);
}
