import { describeError, TurbineError, type TurbineErrorOptions } from "@turbine/errors";

/** Every stable error code `@turbine/cache` throws. */
export type CacheErrorCode =
  | "ERR_CACHE_INVALID_HASH"
  | "ERR_CACHE_INVALID_CONFIG"
  | "ERR_CACHE_PACK_FAILED"
  | "ERR_CACHE_LOCAL_WRITE"
  | "ERR_CACHE_CLOSED"
  | "ERR_CACHE_INVALID_LIMIT"
  /** `--cache` / `TURBO_CACHE` is malformed or combined with deprecated cache options. */
  | "ERR_CACHE_CONFIG_INVALID"
  /** An environment variable, flag or `turbo.json` `remoteCache` value is invalid. */
  | "ERR_REMOTE_CACHE_CONFIG_INVALID"
  /** The signature key is shorter than 32 bytes with `futureFlags.longerSignatureKey`. */
  | "ERR_REMOTE_CACHE_SIGNATURE_KEY_SHORT";

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
  ERR_CACHE_CONFIG_INVALID: "Use a comma separated list such as `local:rw,remote:r`.",
  ERR_REMOTE_CACHE_CONFIG_INVALID:
    "Check the TURBO_* remote cache variables, flags and turbo.json `remoteCache`.",
  ERR_REMOTE_CACHE_SIGNATURE_KEY_SHORT:
    "Use a TURBO_REMOTE_CACHE_SIGNATURE_KEY of at least 32 bytes.",
  ERR_CACHE_INVALID_LIMIT:
    'cacheMaxAge takes a duration such as "7d" (s, m, h, d, w), cacheMaxSize a size such as "10GB" (B, KB, MB, GB, TB); "0" turns a limit off.',
};

/**
 * The one error class of `@turbine/cache`: a stable `code`, a `hint` (the code's own unless given)
 * and the underlying `cause`.
 */
export class CacheError extends TurbineError<CacheErrorCode> {
  override readonly name = "CacheError";
  declare readonly hint: string;

  constructor(code: CacheErrorCode, message: string, options: TurbineErrorOptions = {}) {
    super(code, message, { ...options, hint: options.hint ?? HINTS[code] });
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
  return new CacheError(
    "ERR_CACHE_LOCAL_WRITE",
    `could not write cache entry ${hash} in ${where}: ${describeError(error)}`,
    { cause: error },
  );
}
