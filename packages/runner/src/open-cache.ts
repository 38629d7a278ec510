import {
  Cache,
  type CacheConfig,
  type CacheFlags,
  type EvictionReport,
  openRemoteClient,
  remoteCacheBanner,
  type RemoteCacheFlags,
  resolveCacheSettings,
  resolveEvictionBudget,
  resolveRemoteCacheConfig,
} from "@turbine/cache";
import type { RootTurboJson } from "@turbine/workspace";

import type { RemoteCacheState } from "./events.js";
import type { RunPlan } from "./plan-run.js";
import type { RunOptions } from "./run-options.js";

export interface OpenCacheInput {
  readonly repoRoot: string;
  readonly cacheDir: string;
  readonly cacheWorkers: number | undefined;
  readonly turboJson: RootTurboJson;
  readonly cacheFlags: CacheFlags | undefined;
  readonly remoteFlags: RemoteCacheFlags | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly gitSha: string | null;
  /** Told about deprecations and cache trouble (never fatal); `hash` names the entry concerned. */
  readonly warn: (message: string, hash?: string) => void;
  /** Check `/v8/artifacts/status` for the banner (skipped by dry runs). */
  readonly checkStatus: boolean;
  /** Told what local eviction did when the cache closes. */
  readonly onEviction?: (report: EvictionReport) => void;
  /** Also warn about the remote problems turbo only logs when verbose (`-v`): silent misses. */
  readonly verbose?: boolean;
  /**
   * The run's shutdown signal (Ctrl-C/SIGTERM), the remote client's `signal`: pending reads,
   * retries and background downloads stop at once; an upload already sending finishes.
   */
  readonly signal?: AbortSignal | undefined;
}

export interface OpenedCache {
  readonly cache: Cache;
  readonly config: CacheConfig;
  readonly banner: RemoteCacheState;
  /** Flushes uploads, then evicts from the local store (unless `evict` is false). */
  readonly close: (evict?: boolean) => Promise<void>;
}

/** The part of `OpenCacheInput` a planned run decides: where the cache is and its settings. */
export function plannedCacheInput(
  plan: RunPlan,
  options: RunOptions,
): Pick<
  OpenCacheInput,
  "repoRoot" | "cacheDir" | "cacheWorkers" | "turboJson" | "cacheFlags" | "remoteFlags" | "env"
> {
  return {
    repoRoot: plan.repoRoot,
    cacheDir: plan.settings.cacheDir,
    cacheWorkers: options.cacheWorkers,
    turboJson: plan.config.root,
    cacheFlags: options.cacheFlags,
    remoteFlags: options.remoteFlags,
    env: options.env ?? process.env,
  };
}

/**
 * Resolves `--cache`/`--force`/TURBO_CACHE… and the remote settings (flags, TURBO_TOKEN,
 * TURBO_TEAM, TURBO_TEAMID, TURBO_API, turbo.json `remoteCache`) the way turbo does, then opens
 * the local store and, when usable, the remote client behind one `Cache`.
 */
export async function openCache(input: OpenCacheInput): Promise<OpenedCache> {
  const { env } = input;
  const remoteConfig = resolveRemoteCacheConfig({
    env,
    turboJson: input.turboJson.remoteCache,
    flags: input.remoteFlags,
    longerSignatureKey: input.turboJson.futureFlags.longerSignatureKey,
  });
  if (!remoteConfig.ok) throw remoteConfig.error;
  const remote = remoteConfig.value;
  const settings = resolveCacheSettings({
    flags: input.cacheFlags,
    env,
    remoteAvailable: remote.state === "ready",
  });
  if (!settings.ok) throw settings.error;
  // cacheMaxAge / cacheMaxSize and their variables, checked before anything runs (as turbo).
  const budget = resolveEvictionBudget({
    env,
    cacheMaxAge: input.turboJson.cacheMaxAge,
    cacheMaxSize: input.turboJson.cacheMaxSize,
  });
  for (const warning of settings.warnings) input.warn(warning);
  const config = settings.value;
  const { local, remote: remoteSide } = config;
  if (!local.read && !local.write && !remoteSide.read && !remoteSide.write) {
    input.warn("no caches are enabled");
  }
  const client = await openRemoteClient({
    remote,
    cache: config,
    teamId: input.turboJson.effectiveTeamId,
    env,
    signal: input.signal,
    onWarning: (warning) => {
      if (warning.level === "warn" || input.verbose === true) {
        input.warn(warning.message, warning.hash);
      }
    },
  });
  const status = client !== undefined && input.checkStatus ? await client.status() : undefined;
  const banner = remoteCacheBanner({
    state: remote.state,
    apiUrl: remote.apiUrl,
    cache: config,
    status,
  });
  const cache = await Cache.create({
    repoRoot: input.repoRoot,
    cacheDir: input.cacheDir,
    cacheConfig: config,
    ...(client === undefined ? {} : { remote: client }),
    ...(input.cacheWorkers === undefined ? {} : { cacheWorkers: input.cacheWorkers }),
    gitState: { sha: input.gitSha, dirtyHash: null },
    onEvent: (event) => {
      // The client reports a failed upload itself, in turbo's words; the cache's echo would repeat it.
      if (event.type === "eviction") input.onEviction?.(event.report);
      if (event.type !== "warning") return;
      if (event.code === "WARN_CACHE_REMOTE_PUT" && client !== undefined) return;
      input.warn(event.message, event.hash);
    },
    eviction: { budget },
  });
  return {
    cache,
    config,
    banner: { text: banner.text, level: banner.level },
    close: async (evict = true) => {
      await cache.close({ evict });
      await client?.close();
    },
  };
}
