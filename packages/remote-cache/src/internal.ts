/**
 * Building blocks the package's own tests use. Unstable: not part of the public API, may change
 * in any release.
 */
export { type BreakerPermit, type CallOutcome, OutageBreaker } from "./breaker.js";
export { type CiVendor, detectCiVendor, isCi } from "./ci-vendor.js";
export { maskToken, redactSecrets } from "./redact.js";
export {
  type AttemptResult,
  isRetryableStatus,
  retryDelayMs,
  type RetryStrategy,
  shouldRetry,
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
