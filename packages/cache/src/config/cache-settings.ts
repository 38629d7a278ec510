import { CacheError } from "../cache-error.js";
import {
  type CacheActions,
  type CacheConfig,
  DEFAULT_CACHE_CONFIG,
  parseCacheConfig,
} from "./cache-config.js";
import { type Env, parseEnvBoolean } from "./env-values.js";
import { fail, ok, type Result } from "./result.js";

/** Cache-related `turbo run` flags; `undefined` = not given. */
export interface CacheFlags {
  readonly cache?: string;
  readonly force?: boolean;
  readonly noCache?: boolean;
  readonly remoteOnly?: boolean;
  readonly remoteCacheReadOnly?: boolean;
}

export interface ResolveCacheInput {
  readonly flags?: CacheFlags | undefined;
  /** Reads TURBO_CACHE, TURBO_FORCE, TURBO_REMOTE_ONLY and TURBO_REMOTE_CACHE_READ_ONLY. */
  readonly env: Env;
  /** Remote caching is usable (token + team, and not `remoteCache.enabled: false`). */
  readonly remoteAvailable: boolean;
}

const OVERLAP =
  "Cannot set `cache` config and other cache options (`force`, `remoteOnly`, `remoteCacheReadOnly`) at the same time.";

function deprecated(what: string, use: string): string {
  return `${what} is deprecated and will be removed in a future major version. Use ${use}`;
}

function invalid(message: string, hint: string): CacheError {
  return new CacheError("ERR_CACHE_CONFIG_INVALID", message, { hint });
}

/**
 * Combines `--cache`/`TURBO_CACHE` with `--force`, the deprecated `--no-cache`, `--remote-only`,
 * `--remote-cache-read-only` (and their env twins) into the run's cache sources, in turbo's order:
 * remote-only turns local off, force turns reads off, no-cache turns writes off, an unusable remote
 * turns remote off, read-only turns remote writes off. Warnings are turbo's deprecation texts.
 */
export function resolveCacheSettings(input: ResolveCacheInput): Result<CacheConfig> {
  const flags = input.flags ?? {};
  const { env } = input;
  const warnings: string[] = [];

  if (flags.cache !== undefined && flags.force === true) {
    return fail(
      invalid("the argument '--cache' cannot be used with '--force'", "Drop one of the two flags."),
    );
  }
  if (flags.cache !== undefined && flags.noCache === true) {
    return fail(
      invalid("the argument '--cache' cannot be used with '--no-cache'", "Drop --no-cache."),
    );
  }

  const forceEnv = parseEnvBoolean("TURBO_FORCE", env.TURBO_FORCE);
  if (!forceEnv.ok) return forceEnv;
  const remoteOnlyEnv = parseEnvBoolean("TURBO_REMOTE_ONLY", env.TURBO_REMOTE_ONLY);
  if (!remoteOnlyEnv.ok) return remoteOnlyEnv;
  const readOnlyEnv = parseEnvBoolean(
    "TURBO_REMOTE_CACHE_READ_ONLY",
    env.TURBO_REMOTE_CACHE_READ_ONLY,
  );
  if (!readOnlyEnv.ok) return readOnlyEnv;

  if (flags.noCache === true) warnings.push(deprecated("--no-cache", "--cache=local:r,remote:r"));
  if (flags.remoteOnly === true) warnings.push(deprecated("--remote-only", "--cache=remote:rw"));
  if (flags.remoteCacheReadOnly === true) {
    warnings.push(deprecated("--remote-cache-read-only", "--cache=local:rw,remote:r"));
  }
  if (remoteOnlyEnv.value !== undefined)
    warnings.push(deprecated("TURBO_REMOTE_ONLY", "TURBO_CACHE=remote:rw"));
  if (readOnlyEnv.value !== undefined) {
    warnings.push(deprecated("TURBO_REMOTE_CACHE_READ_ONLY", "TURBO_CACHE=remote:r"));
  }

  const force = flags.force ?? forceEnv.value ?? false;
  const noCache = flags.noCache ?? false;
  const remoteOnly = flags.remoteOnly ?? remoteOnlyEnv.value ?? false;
  const readOnly = flags.remoteCacheReadOnly ?? readOnlyEnv.value ?? false;
  const cacheText = flags.cache ?? env.TURBO_CACHE;

  let parsed: CacheConfig | undefined;
  if (cacheText !== undefined) {
    const result = parseCacheConfig(cacheText);
    if (!result.ok) return result;
    parsed = result.value;
  }
  if ((remoteOnly || noCache || readOnly) && parsed !== undefined) {
    return fail(invalid(OVERLAP, "Use only --cache / TURBO_CACHE."));
  }

  let local: CacheActions = (parsed ?? DEFAULT_CACHE_CONFIG).local;
  let remote: CacheActions = (parsed ?? DEFAULT_CACHE_CONFIG).remote;
  if (remoteOnly) local = { read: false, write: false };
  if (force) {
    local = { ...local, read: false };
    remote = { ...remote, read: false };
  }
  if (noCache) {
    local = { ...local, write: false };
    remote = { ...remote, write: false };
  }
  if (!input.remoteAvailable) remote = { read: false, write: false };
  if (readOnly) remote = { ...remote, write: false };
  return ok({ local, remote }, warnings);
}
