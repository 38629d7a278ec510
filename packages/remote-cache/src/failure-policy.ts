import type { RemoteCacheError } from "./errors.js";
import type { CallFailure } from "./failure.js";
import { shortKeyMessage } from "./signature.js";
import type { RemoteCacheWarning, RemoteCacheWarningKind, WarningListener } from "./warnings.js";

/**
 * What the client does about trouble, apart from the requests: turbo's 403 policy (a forbidden
 * read turns reads and uploads off for the client's life, a forbidden or disabled upload turns
 * uploads off), the outage line when the breaker opens, and every warning in turbo's words.
 * Never throws: the remote cache never fails a build.
 */
export class FailurePolicy {
  readonly #onWarning: WarningListener | undefined;
  #readsDisabled = false;
  #uploadsDisabled = false;
  #missingKeyWarned = false;

  constructor(onWarning: WarningListener | undefined) {
    this.#onWarning = onWarning;
  }

  get readsDisabled(): boolean {
    return this.#readsDisabled;
  }

  get uploadsDisabled(): boolean {
    return this.#uploadsDisabled;
  }

  warn(
    kind: RemoteCacheWarningKind,
    level: "warn" | "debug",
    message: string,
    hash?: string,
    error?: RemoteCacheError,
  ): void {
    this.#onWarning?.({ kind, level, message, hash, error } satisfies RemoteCacheWarning);
  }

  /** turbo's warning for a signature key under 32 bytes (fatal only with the future flag). */
  shortKey(bytes: number): void {
    this.warn(
      "signature-key-short",
      "warn",
      `${shortKeyMessage(bytes)} This will become a fatal error in the next major ` +
        "version of Turborepo. Enable `futureFlags.longerSignatureKey` in turbo.json to enforce this now.",
    );
  }

  /** Signing is on without a key: said once, then every upload is skipped quietly. */
  missingKey(hash: string): void {
    if (this.#missingKeyWarned) return;
    this.#missingKeyWarned = true;
    this.warn(
      "signature-key-missing",
      "warn",
      "artifact signature error: TURBO_REMOTE_CACHE_SIGNATURE_KEY is unset; nothing is uploaded",
      hash,
    );
  }

  /** The breaker's verdict on a call: a line when it has just opened. */
  outage(openedFirstTime: boolean): void {
    if (openedFirstTime) {
      this.warn(
        "outage",
        "warn",
        "Remote artifact cache is temporarily unavailable; retrying after a 30-second cooldown",
      );
    }
  }

  readFailed(hash: string, failure: CallFailure): void {
    if (failure.error.code === "ERR_REMOTE_CACHE_FORBIDDEN") {
      this.#readsDisabled = true;
      this.#uploadsDisabled = true;
      this.warn(
        "read-forbidden",
        "warn",
        "Remote cache returned 403 for a read and access could not be restored; disabling remote cache reads and uploads for this run",
        hash,
        failure.error,
      );
      return;
    }
    this.warn(
      "fetch-failed",
      "debug",
      `failed to contact remote cache: ${failure.error.message}`,
      hash,
      failure.error,
    );
  }

  uploadFailed(hash: string, { error }: CallFailure): void {
    switch (error.code) {
      case "ERR_REMOTE_CACHE_DISABLED":
        this.#uploadsDisabled = true;
        this.warn(
          "uploads-disabled",
          "warn",
          "failed to put to http cache: cache disabled",
          hash,
          error,
        );
        return;
      case "ERR_REMOTE_CACHE_FORBIDDEN":
        this.#uploadsDisabled = true;
        this.warn(
          "write-forbidden",
          "warn",
          "Remote cache rejected an upload with 403 and write access could not be restored; skipping uploads for this run (remote cache reads remain enabled)",
          hash,
          error,
        );
        return;
      case "ERR_REMOTE_CACHE_TIMEOUT":
        this.warn(
          "upload-timeout",
          "warn",
          `the cache artifact for ${hash} was too large to upload within the timeout`,
          hash,
          error,
        );
        return;
      default:
        this.warn(
          "upload-failed",
          "warn",
          `failed to contact remote cache: ${error.message}`,
          hash,
          error,
        );
    }
  }
}
