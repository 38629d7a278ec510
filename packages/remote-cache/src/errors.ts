import { TurbineError, type TurbineErrorOptions } from "@turbine/errors";

/** Stable codes of every error this package reports. */
export type RemoteCacheErrorCode =
  /** A 403 whose body code is `forbidden` (or not a caching status): the token lacks access. */
  | "ERR_REMOTE_CACHE_FORBIDDEN"
  /** A 403 whose body code is `remote_caching_*`: remote caching is disabled for the team. */
  | "ERR_REMOTE_CACHE_DISABLED"
  /** Signing is on and the response carried no `x-artifact-tag`. */
  | "ERR_REMOTE_CACHE_TAG_MISSING"
  /** Signing is on and `x-artifact-tag` is malformed or does not match the body. */
  | "ERR_REMOTE_CACHE_TAG_INVALID"
  /** The request (or its body) did not finish within the configured timeout. */
  | "ERR_REMOTE_CACHE_TIMEOUT"
  /** The server answered with an unexpected status. */
  | "ERR_REMOTE_CACHE_HTTP"
  /** The connection could not be made or broke (refused, reset, truncated body). */
  | "ERR_REMOTE_CACHE_NETWORK"
  /** `x-artifact-duration` is not a decimal integer. */
  | "ERR_REMOTE_CACHE_DURATION_INVALID"
  /** Signing is on but `TURBO_REMOTE_CACHE_SIGNATURE_KEY` is unset. */
  | "ERR_REMOTE_CACHE_SIGNATURE_KEY_MISSING"
  /** Reading or writing the local spool/temp file failed. */
  | "ERR_REMOTE_CACHE_IO"
  /** A download's first bytes are not those of an artifact (zstd or gzip): abandoned at once. */
  | "ERR_REMOTE_CACHE_NOT_ARTIFACT"
  /** The caller's signal (a run being stopped) cancelled the call. */
  | "ERR_REMOTE_CACHE_CANCELLED";

export interface RemoteCacheErrorOptions extends TurbineErrorOptions {
  /** HTTP status, when the error came from a response. */
  readonly status?: number;
}

/** The one error class of `@turbine/remote-cache`. Messages never contain the token. */
export class RemoteCacheError extends TurbineError<RemoteCacheErrorCode> {
  override readonly name = "RemoteCacheError";
  readonly status: number | undefined;

  constructor(code: RemoteCacheErrorCode, message: string, options: RemoteCacheErrorOptions = {}) {
    super(code, message, options);
    this.status = options.status;
  }
}
