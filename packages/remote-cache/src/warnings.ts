import type { RemoteCacheError } from "./errors.js";

/**
 * Every problem the client meets becomes one typed warning; nothing is thrown and nothing is
 * printed. `level: "debug"` marks problems turbo turns into a silent miss (a renderer shows them
 * only when verbose); `"warn"` ones turbo prints as WARNING lines.
 */
export type RemoteCacheWarningKind =
  /** A read failed (4xx other than 404, 5xx after retries, timeout, broken body): a miss. */
  | "fetch-failed"
  /** Signing is on and the tag is missing, malformed or wrong: a miss. */
  | "verify-failed"
  /** An upload failed. */
  | "upload-failed"
  /** An upload ran past TURBO_REMOTE_CACHE_UPLOAD_TIMEOUT. */
  | "upload-timeout"
  /** 403 `remote_caching_*` on an upload: later uploads are skipped. */
  | "uploads-disabled"
  /** 403 `forbidden` on a read: reads and uploads are off for the rest of the run. */
  | "read-forbidden"
  /** 403 `forbidden` on an upload: uploads are off for the rest of the run. */
  | "write-forbidden"
  /** The outage breaker opened (warned once per client). */
  | "outage"
  /** Signing is on but TURBO_REMOTE_CACHE_SIGNATURE_KEY is unset: nothing is uploaded. */
  | "signature-key-missing"
  /** The signature key is shorter than 32 bytes. */
  | "signature-key-short"
  /** The batch query or an existence check failed. */
  | "query-failed"
  /** An events batch could not be sent. */
  | "events-failed";

export interface RemoteCacheWarning {
  readonly kind: RemoteCacheWarningKind;
  readonly level: "warn" | "debug";
  /** Safe to print: no token, no URL credentials. */
  readonly message: string;
  readonly hash?: string | undefined;
  readonly error?: RemoteCacheError | undefined;
}

export type WarningListener = (warning: RemoteCacheWarning) => void;
