export { type Env } from "./ci-vendor.js";
export { type PutOutcome, RemoteCacheClient, type RemoteCacheClientOptions } from "./client.js";
export { type RemoteHit } from "./download.js";
export { RemoteCacheError, type RemoteCacheErrorCode } from "./errors.js";
export { type AnalyticsEvent } from "./events.js";
export { type ArtifactInfo } from "./query.js";
export { redactUrlCredentials } from "./redact.js";
export { type Sleep } from "./retry.js";
export { MIN_SIGNATURE_KEY_BYTES, shortKeyMessage } from "./signature.js";
export { type CachingStatus } from "./status.js";
export { type PutRequest } from "./upload.js";
export {
  type RemoteCacheWarning,
  type RemoteCacheWarningKind,
  type WarningListener,
} from "./warnings.js";
