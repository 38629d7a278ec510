import {
  type CacheStatus,
  cacheStatus,
  evictCacheWithProgress,
  type EvictionBudget,
  type EvictionProgress,
  type EvictionReport,
  resolveEvictionBudget,
} from "@turbine/cache";
import { loadTurboConfig, repoFileReader } from "@turbine/workspace";

import { findRepoRoot } from "./repo-root.js";
import { resolveSettings } from "./resolve-settings.js";

/** Where `turbine cache …` acts: the repo of `cwd`, and `--cache-dir` if given. */
export interface CacheAdminOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--cache-dir`; else TURBO_CACHE_DIR, turbo.json `cacheDir`, `.turbo/cache`. */
  readonly cacheDir?: string;
}

export interface CacheTarget {
  /** Absolute. */
  readonly cacheDir: string;
  readonly budget: EvictionBudget;
}

/** The cache directory and the eviction budget a run in `cwd` would use. */
export async function cacheTarget(options: CacheAdminOptions): Promise<CacheTarget> {
  const repoRoot = findRepoRoot(options.cwd);
  const loaded = await loadTurboConfig({ packages: [], readFile: repoFileReader(repoRoot) });
  if (!loaded.ok) throw loaded.error;
  const root = loaded.value.root;
  const settings = resolveSettings(
    {
      cwd: options.cwd,
      tasks: [],
      ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    },
    repoRoot,
    root,
    options.env,
  );
  const budget = resolveEvictionBudget({
    env: options.env,
    cacheMaxAge: root.cacheMaxAge,
    cacheMaxSize: root.cacheMaxSize,
  });
  return { cacheDir: settings.cacheDir, budget };
}

/** `turbine cache status`. */
export async function cacheStatusOf(options: CacheAdminOptions): Promise<CacheStatus> {
  const target = await cacheTarget(options);
  return cacheStatus(target.cacheDir, target.budget);
}

/**
 * `turbine cache prune` (evict now under the budget in force) and `turbine cache clean` (every
 * entry not in use by a live run); `dry` only reports.
 */
export async function pruneCache(
  options: CacheAdminOptions & { readonly dry: boolean; readonly all: boolean },
  onProgress: (progress: EvictionProgress) => void = () => undefined,
): Promise<EvictionReport> {
  const target = await cacheTarget(options);
  return evictCacheWithProgress(
    { ...target, dry: options.dry, all: options.all, ...(options.all ? { graceMs: 0 } : {}) },
    onProgress,
  );
}
