/** Every stable error code `@turbine/cache` throws. */
export type CacheErrorCode =
  | "ERR_CACHE_INVALID_HASH"
  | "ERR_CACHE_INVALID_CONFIG"
  | "ERR_CACHE_PACK_FAILED"
  | "ERR_CACHE_LOCAL_WRITE"
  | "ERR_CACHE_CLOSED"
  | "ERR_CACHE_INVALID_LIMIT";

const HINTS: Record<CacheErrorCode, string> = {
  ERR_CACHE_INVALID_HASH:
    "A cache key is the lowercase hex task hash turbo prints (e.g. aabe90dc3b32242a).",
  ERR_CACHE_INVALID_CONFIG:
    "Pass cacheConfig as {local:{read,write},remote:{read,write}} and cacheWorkers as a positive integer.",
  ERR_CACHE_PACK_FAILED:
    "Check that every output path exists under the repo root and is a file, directory or symlink.",
  ERR_CACHE_LOCAL_WRITE:
    "Check that the cache directory is writable and the disk has space, or disable local writes (--cache=local:r).",
  ERR_CACHE_CLOSED: "Create a new Cache; close() ends a cache's life.",
  ERR_CACHE_INVALID_LIMIT:
    'cacheMaxAge takes a duration such as "7d" (s, m, h, d, w), cacheMaxSize a size such as "10GB" (B, KB, MB, GB, TB); "0" turns a limit off.',
};

export interface CacheErrorOptions {
  cause?: unknown;
  hint?: string;
}

/** The one error class of `@turbine/cache`: a stable `code`, a `hint` and the underlying `cause`. */
export class CacheError extends Error {
  override readonly name = "CacheError";
  readonly code: CacheErrorCode;
  readonly hint: string;

  constructor(code: CacheErrorCode, message: string, options: CacheErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? HINTS[code];
  }
}

/** Turbo task hashes are hex; anything else could escape the cache directory. */
const HASH_PATTERN = /^[0-9a-zA-Z_-]{1,128}$/;

export function assertValidHash(hash: string): void {
  if (!HASH_PATTERN.test(hash)) {
    throw new CacheError(
      "ERR_CACHE_INVALID_HASH",
      `cache key ${JSON.stringify(hash.slice(0, 80))} is not a valid hash: only letters, digits, "-" and "_" are allowed`,
    );
  }
}

/** A local store write that failed (`ERR_CACHE_LOCAL_WRITE`); an error already of this package stays. */
export function localWriteError(hash: string, where: string, error: unknown): CacheError {
  if (error instanceof CacheError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new CacheError(
    "ERR_CACHE_LOCAL_WRITE",
    `could not write cache entry ${hash} in ${where}: ${detail}`,
    { cause: error },
  );
}
