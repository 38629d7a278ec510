export {
  BREAKER_COOLDOWN_MS,
  BREAKER_THRESHOLD,
  type BreakerPermit,
  type CallOutcome,
  OutageBreaker,
} from "./breaker.js";
export { type CiVendor, detectCiVendor, type Env, isCi } from "./ci-vendor.js";
export { type PutOutcome, RemoteCacheClient, type RemoteCacheClientOptions } from "./client.js";
export type { RemoteHit } from "./download.js";
export { isRemoteCacheError, RemoteCacheError, type RemoteCacheErrorCode } from "./errors.js";
export type { CacheEvent, WireEvent } from "./events.js";
export type { ArtifactInfo } from "./query.js";
export { maskToken, redactSecrets, redactUrlCredentials } from "./redact.js";
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
  MIN_SIGNATURE_KEY_BYTES,
  shortKeyMessage,
  signArtifactTag,
  signLegacyArtifactTag,
  tagMessageHeader,
  type TagScheme,
  type TagVerdict,
  verifyArtifactTag,
} from "./signature.js";
export { type CachingStatus, STATUS_BUDGET_MS } from "./status.js";
export type { PutRequest } from "./upload.js";
export { buildUserAgent } from "./user-agent.js";
export type { RemoteCacheWarning, RemoteCacheWarningKind, WarningListener } from "./warnings.js";
