/** Caps applied while reading an archive; any breach is ERR_ARTIFACT_LIMIT. */
export interface RestoreLimits {
  /** Entries in the archive (metadata records not counted). */
  readonly maxEntries: number;
  /** Decompressed bytes (the whole tar stream). */
  readonly maxTotalBytes: number;
  /** Components in one entry path. */
  readonly maxPathDepth: number;
  /** UTF-8 bytes in one entry name or link target (also caps GNU long-name records). */
  readonly maxPathBytes: number;
  /** Decompressed / compressed bytes, checked once `ratioFloorBytes` have been decompressed. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

export const DEFAULT_RESTORE_LIMITS: RestoreLimits = Object.freeze({
  maxEntries: 1_000_000,
  maxTotalBytes: 16 * 1024 ** 3,
  maxPathDepth: 128,
  maxPathBytes: 4096,
  maxRatio: 1000,
  ratioFloorBytes: 64 * 1024 ** 2,
});

export function resolveLimits(partial: Partial<RestoreLimits> | undefined): RestoreLimits {
  const limits = { ...DEFAULT_RESTORE_LIMITS, ...partial };
  for (const [key, value] of Object.entries(limits)) {
    if (typeof value !== "number" || !(value >= 0)) {
      throw new TypeError(
        `restore limit ${key} must be a non-negative number (got ${String(value)})`,
      );
    }
  }
  return limits;
}
