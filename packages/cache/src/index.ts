export { writeFileAtomic } from "./atomic-file.js";
export { Cache, type CacheOptions } from "./cache.js";
export { CacheError, type CacheErrorCode } from "./cache-error.js";
export {
  type CacheScan,
  scanCacheDir,
  type ScannedEntry,
  type StrayFile,
} from "./eviction/cache-scan.js";
export { type CacheStatus, cacheStatus } from "./eviction/cache-status.js";
export {
  DEFAULT_GRACE_MS,
  evictCache,
  evictCacheWithProgress,
  type EvictOptions,
} from "./eviction/evict-cache.js";
export {
  budgetEnabled,
  type BudgetInput,
  DEFAULT_BUDGET,
  describeBudget,
  type EvictionBudget,
  type LimitSource,
  resolveEvictionBudget,
  sizeLimit,
} from "./eviction/eviction-budget.js";
export {
  type EvictionPlan,
  planEviction,
  type PlanLimits,
  type Victim,
} from "./eviction/eviction-plan.js";
export type { EvictionReport, Tally } from "./eviction/eviction-report.js";
export {
  type EvictionState,
  readEvictionState,
  RESCAN_IDLE_MS,
  RESCAN_MS,
  writeEvictionState,
} from "./eviction/eviction-state.js";
export {
  formatBytes,
  formatDuration,
  parseHumanDuration,
  parseHumanSize,
} from "./eviction/human-units.js";
export type { EvictionProgress } from "./eviction/remove-victims.js";
export {
  type InstallInput,
  LocalCache,
  type LocalCacheOptions,
  type LocalRead,
} from "./local-cache.js";
export type { EntryFiles } from "./local-paths.js";
export {
  type ManifestEntry,
  parseManifest,
  type RestoreManifest,
  serializeManifest,
} from "./manifest.js";
export { type CacheMeta, parseMeta, serializeMeta } from "./meta.js";
export type {
  RemoteArtifact,
  RemoteCacheEvent,
  RemotePutOutcome,
  RemoteStore,
  RemoteUpload,
} from "./remote-store.js";
export type {
  ArtifactCache,
  CacheConfig,
  CacheEvent,
  CacheEventListener,
  CacheExists,
  CacheHit,
  CacheSource,
  CacheWarningCode,
  GitState,
  PutInput,
  PutResult,
} from "./types.js";
