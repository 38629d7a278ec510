export { type Banner, type BannerInput, type CachingStatus, remoteCacheBanner } from "./banner.js";
export {
  BREAKER_COOLDOWN_MS,
  BREAKER_THRESHOLD,
  type BreakerPermit,
  type CallOutcome,
  OutageBreaker,
} from "./breaker.js";
export {
  type CacheActions,
  type CacheConfig,
  DEFAULT_CACHE_CONFIG,
  formatCacheConfig,
  parseCacheConfig,
} from "./cache-config.js";
export { type CacheFlags, type ResolveCacheInput, resolveCacheSettings } from "./cache-settings.js";
export { type CiVendor, detectCiVendor, isCi } from "./ci-vendor.js";
export { type PutOutcome, RemoteCacheClient, type RemoteCacheClientOptions } from "./client.js";
export {
  DEFAULT_API_URL,
  DEFAULT_TIMEOUT_S,
  DEFAULT_UPLOAD_TIMEOUT_S,
  type RemoteCacheConfig,
  type RemoteCacheFlags,
  type RemoteCacheJson,
  type RemoteCacheState,
  resolveRemoteCacheConfig,
  type ResolveRemoteCacheInput,
} from "./config.js";
export type { RemoteHit } from "./download.js";
export type { Env } from "./env-values.js";
export { isRemoteCacheError, RemoteCacheError, type RemoteCacheErrorCode } from "./errors.js";
export type { CacheEvent, WireEvent } from "./events.js";
export type { ArtifactInfo } from "./query.js";
export { maskToken, redactSecrets, redactUrlCredentials } from "./redact.js";
export type { Result } from "./result.js";
export {
  type AttemptResult,
  isRetryableStatus,
  RETRY_MAX,
  retryDelayMs,
  type RetryStrategy,
  shouldRetry,
  type Sleep,
  withRetry,
} from "./retry.js";
export {
  type ArtifactSigner,
  type ArtifactTagContext,
  type ArtifactVerifier,
  createArtifactSigner,
  createArtifactVerifier,
  signArtifactTag,
  signLegacyArtifactTag,
  tagMessageHeader,
  type TagScheme,
  type TagVerdict,
  verifyArtifactTag,
} from "./signature.js";
export { STATUS_BUDGET_MS } from "./status.js";
export type { PutRequest } from "./upload.js";
export { buildUserAgent } from "./user-agent.js";
export type { RemoteCacheWarning, RemoteCacheWarningKind, WarningListener } from "./warnings.js";
