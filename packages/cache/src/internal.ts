/**
 * Building blocks the package's own tests use. Unstable: not part of the public API, may change
 * in any release.
 */
export { formatCacheConfig, parseCacheConfig } from "./config/cache-config.js";
export { scanCacheDir } from "./eviction/cache-scan.js";
export { evictCache } from "./eviction/evict-cache.js";
export { type EvictionPlan, planEviction, type PlanLimits } from "./eviction/eviction-plan.js";
export {
  type EvictionState,
  readEvictionState,
  RESCAN_IDLE_MS,
  RESCAN_MS,
  writeEvictionState,
} from "./eviction/eviction-state.js";
export { parseHumanDuration, parseHumanSize } from "./eviction/human-units.js";
export {
  type InstallInput,
  LocalCache,
  type LocalCacheOptions,
  type LocalRead,
} from "./local-cache.js";
export { type EntryFiles } from "./local-paths.js";
export {
  type ManifestEntry,
  parseManifest,
  type RestoreManifest,
  serializeManifest,
} from "./manifest.js";
export { serializeMeta } from "./meta.js";
