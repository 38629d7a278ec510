export { writeFileAtomic } from "./atomic-file.js";
export { Cache, type CacheOptions } from "./cache.js";
export { CacheError, type CacheErrorCode } from "./cache-error.js";
export { type Banner, type BannerInput, remoteCacheBanner } from "./config/banner.js";
export { type CacheActions, type CacheConfig } from "./config/cache-config.js";
export {
  type CacheFlags,
  type ResolveCacheInput,
  resolveCacheSettings,
} from "./config/cache-settings.js";
export { openRemoteClient, type OpenRemoteInput } from "./config/open-remote.js";
export {
  type RemoteCacheConfig,
  type RemoteCacheFlags,
  type RemoteCacheJson,
  type RemoteCacheState,
  resolveRemoteCacheConfig,
  type ResolveRemoteCacheInput,
} from "./config/remote-config.js";
export { type Result } from "./config/result.js";
export { type CacheScan, type ScannedEntry, type StrayFile } from "./eviction/cache-scan.js";
export { type CacheStatus, cacheStatus } from "./eviction/cache-status.js";
export { evictCacheWithProgress, type EvictOptions } from "./eviction/evict-cache.js";
export {
  type BudgetInput,
  describeBudget,
  type EvictionBudget,
  type LimitSource,
  resolveEvictionBudget,
} from "./eviction/eviction-budget.js";
export { type Victim } from "./eviction/eviction-plan.js";
export { type EvictionReport, type Tally } from "./eviction/eviction-report.js";
export { formatBytes, formatDuration } from "./eviction/human-units.js";
export { type EvictionProgress } from "./eviction/remove-victims.js";
export { type CacheMeta, parseMeta } from "./meta.js";
export {
  type RemoteArtifact,
  type RemoteCacheEvent,
  type RemotePutOutcome,
  type RemoteStore,
  type RemoteUpload,
} from "./remote-store.js";
export {
  type ArtifactCache,
  type CacheEvent,
  type CacheEventListener,
  type CacheExists,
  type CacheHit,
  type CacheSource,
  type CacheWarningCode,
  type GitState,
  type PutInput,
  type PutResult,
} from "./types.js";
