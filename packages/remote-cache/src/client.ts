import type { Dispatcher } from "undici";

import { OutageBreaker } from "./breaker.js";
import { call, type CallContext, withOptional } from "./call.js";
import { detectCiVendor, type Env, isCi } from "./ci-vendor.js";
import { type HeadCheck, receiveArtifact, type RemoteHit } from "./download.js";
import type { RemoteCacheError } from "./errors.js";
import { type AnalyticsEvent, EventBatcher } from "./events.js";
import { callFailure } from "./failure.js";
import { FailurePolicy } from "./failure-policy.js";
import { type ArtifactInfo, batchQuery, headArtifact, infoFromHead } from "./query.js";
import { realSleep, type Sleep } from "./retry.js";
import { sendEvents } from "./send-events.js";
import { type ArtifactTagContext, MIN_SIGNATURE_KEY_BYTES } from "./signature.js";
import { type CachingStatus, checkCachingStatus } from "./status.js";
import { discard } from "./transport.js";
import { type PutRequest, putSpec, signFile } from "./upload.js";
import { buildUserAgent } from "./user-agent.js";
import type { WarningListener } from "./warnings.js";

export interface RemoteCacheClientOptions {
  readonly apiUrl: string;
  readonly token: string;
  readonly teamId?: string | undefined;
  readonly teamSlug?: string | undefined;
  /** `TURBO_REMOTE_CACHE_SIGNATURE_KEY`; `signing: true` with no key means "key unset". */
  readonly signatureKey?: string | undefined;
  /** `remoteCache.signature`. Defaults to `signatureKey !== undefined`. */
  readonly signing?: boolean | undefined;
  readonly preflight?: boolean | undefined;
  /** Non-upload requests, total; 0 = none. Default 30 000. */
  readonly timeoutMs?: number | undefined;
  /** Uploads, total; 0 = none. Default 60 000. */
  readonly uploadTimeoutMs?: number | undefined;
  /** An undici Dispatcher (e.g. a keep-alive Agent); the global one is never changed. */
  readonly dispatcher?: Dispatcher | undefined;
  readonly onWarning?: WarningListener | undefined;
  /** For the outage breaker. */
  readonly clock?: (() => number) | undefined;
  /** Between retries (default: a real 2 s sleep). */
  readonly sleep?: Sleep | undefined;
  /** Read for CI vendor detection (`x-artifact-client-ci`); default `process.env`. */
  readonly env?: Env | undefined;
  readonly userAgent?: string | undefined;
  /** The 250 ms status budget, adjustable for tests. */
  readonly statusBudgetMs?: number | undefined;
  /**
   * Aborted when the run is stopped (Ctrl-C): pending reads and every retry stop at once, as quiet
   * misses; later calls send nothing (an upload not yet sent is skipped, `cancelled`). An upload
   * already sending is left to finish, as turbo finishes writing to the cache, but not retried.
   */
  readonly signal?: AbortSignal | undefined;
}

/** Per-call options of `fetch`. */
export interface FetchOptions {
  /** Where the download's temp file goes. */
  readonly tempDir: string;
  /** Judges the first bytes: a body that cannot be an artifact is abandoned at once. */
  readonly head?: HeadCheck | undefined;
  /** Cancels this download (with the client's signal, whichever fires first): a quiet miss. */
  readonly signal?: AbortSignal | undefined;
}

export type PutOutcome =
  | { readonly status: "uploaded" }
  | {
      readonly status: "skipped";
      readonly reason: "uploads-disabled" | "remote-unavailable" | "no-signature-key" | "cancelled";
    }
  | { readonly status: "failed"; readonly error: RemoteCacheError };

/** HEAD requests at once when a batch query has to be answered hash by hash. */
const QUERY_FALLBACK_CONCURRENCY = 10;

/** Runs `each` over `items`, at most `limit` at a time. */
async function forEachAtMost<T>(
  limit: number,
  items: readonly T[],
  each: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await each(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
const READ_PREFLIGHT = { method: "GET", headers: "Authorization, User-Agent" } as const;

/** The `/v8/artifacts` client. Never throws for remote problems; see `onWarning`. */
export class RemoteCacheClient {
  readonly #ctx: CallContext;
  readonly #options: RemoteCacheClientOptions;
  readonly #breaker: OutageBreaker;
  readonly #events: EventBatcher;
  readonly #verify: ArtifactTagContext | undefined;
  readonly #putCi: string | undefined;
  readonly #policy: FailurePolicy;

  private constructor(options: RemoteCacheClientOptions) {
    this.#options = options;
    this.#policy = new FailurePolicy(options.onWarning);
    this.#ctx = {
      apiUrl: options.apiUrl,
      token: options.token,
      teamId: options.teamId,
      teamSlug: options.teamSlug,
      userAgent: options.userAgent ?? buildUserAgent(),
      preflight: options.preflight ?? false,
      dispatcher: options.dispatcher,
      sleep: options.sleep ?? realSleep,
      now: () => performance.now(),
      signal: options.signal,
    };
    this.#breaker = new OutageBreaker({ now: options.clock });
    const signing = options.signing ?? options.signatureKey !== undefined;
    this.#verify =
      signing && options.signatureKey !== undefined
        ? { key: options.signatureKey, hash: "", teamId: options.teamId }
        : undefined;
    const env = options.env ?? process.env;
    const vendor = detectCiVendor(env)?.constant;
    this.#putCi = isCi(env) ? vendor : undefined;
    this.#events = new EventBatcher({
      sessionId: process.getBuiltinModule("node:crypto").randomUUID(),
      send: (batch) => sendEvents(this.#ctx, vendor, batch, this.#policy),
    });
  }

  /** Builds a client; warns (once) about a short signature key, as turbo does. */
  static create(options: RemoteCacheClientOptions): Promise<RemoteCacheClient> {
    const client = new RemoteCacheClient(options);
    const key = options.signatureKey;
    const signing = options.signing ?? key !== undefined;
    if (signing && key !== undefined && Buffer.byteLength(key, "utf8") < MIN_SIGNATURE_KEY_BYTES) {
      client.#policy.shortKey(Buffer.byteLength(key, "utf8"));
    }
    return Promise.resolve(client);
  }

  get #signing(): boolean {
    return this.#options.signing ?? this.#options.signatureKey !== undefined;
  }

  #timeout(): number {
    return this.#options.timeoutMs ?? 30_000;
  }

  /**
   * `GET /v8/artifacts/{hash}`: streams a verified artifact into `<tempDir>/.<hash>.<random>.tmp`
   * and returns it, or undefined (miss, error, failed verification, breaker open, reads disabled).
   * Records a REMOTE HIT/MISS event; a failed read records none.
   */
  async fetch(hash: string, options: FetchOptions): Promise<RemoteHit | undefined> {
    if (this.#policy.readsDisabled || this.#cancelled(options.signal)) return undefined;
    if (this.#signing && this.#verify === undefined) {
      this.#policy.warn(
        "verify-failed",
        "debug",
        `cannot verify ${hash}: TURBO_REMOTE_CACHE_SIGNATURE_KEY is unset`,
        hash,
      );
      return undefined;
    }
    const permit = this.#breaker.enter();
    if (permit === undefined) return undefined;
    const result = await call(this.#ctx, {
      method: "GET",
      endpoint: `/v8/artifacts/${hash}`,
      headers: (auth) =>
        withOptional({ "user-agent": this.#ctx.userAgent }, [
          ["authorization", auth],
          ["accept", "*/*"],
        ]),
      timeoutMs: this.#timeout(),
      strategy: "timeout",
      preflight: READ_PREFLIGHT,
      signal: options.signal,
    });
    const { exchange } = result;
    if (!exchange.ok && exchange.failure === "aborted") {
      permit.finish("cancelled");
      return undefined;
    }
    if (exchange.ok && exchange.response.status === 404) {
      await discard(exchange);
      permit.finish("success");
      this.#events.record({ source: "REMOTE", event: "MISS", hash, duration: 0 });
      return undefined;
    }
    if (!exchange.ok || exchange.response.status < 200 || exchange.response.status >= 300) {
      const failure = await callFailure(result, this.#ctx.token);
      this.#policy.outage(permit.finish(failure.outage ? "outage" : "other-failure"));
      this.#policy.readFailed(hash, failure);
      return undefined;
    }
    const verify = this.#verify === undefined ? undefined : { ...this.#verify, hash };
    const received = await receiveArtifact(exchange, {
      hash,
      tempDir: options.tempDir,
      verify,
      head: options.head,
    });
    if (!received.ok) {
      if (this.#cancelled(options.signal)) {
        permit.finish("cancelled");
        return undefined;
      }
      this.#policy.outage(permit.finish(received.outage ? "outage" : "other-failure"));
      const { code } = received.error;
      const kind = code.startsWith("ERR_REMOTE_CACHE_TAG") ? "verify-failed" : "fetch-failed";
      // A body that is not an artifact says the remote is misconfigured: worth saying out loud.
      const level = code === "ERR_REMOTE_CACHE_NOT_ARTIFACT" ? "warn" : "debug";
      this.#policy.warn(kind, level, received.error.message, hash, received.error);
      return undefined;
    }
    permit.finish("success");
    this.#events.record({
      source: "REMOTE",
      event: "HIT",
      hash,
      duration: received.hit.durationMs,
    });
    return received.hit;
  }

  /** The client's or the call's signal has fired: the caller is stopping, nothing to report. */
  #cancelled(signal?: AbortSignal): boolean {
    return this.#options.signal?.aborted === true || signal?.aborted === true;
  }

  /** `HEAD /v8/artifacts/{hash}`: what the server knows, or undefined (absent or unknown). No tag check. */
  async exists(
    hash: string,
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<ArtifactInfo | undefined> {
    if (this.#policy.readsDisabled || this.#cancelled(options.signal)) return undefined;
    const permit = this.#breaker.enter();
    if (permit === undefined) return undefined;
    const result = await headArtifact(this.#ctx, hash, this.#timeout(), options.signal);
    const { exchange } = result;
    if (exchange.ok && exchange.response.status >= 200 && exchange.response.status < 300) {
      const info = infoFromHead(result);
      await discard(exchange);
      permit.finish("success");
      return info;
    }
    if (exchange.ok && exchange.response.status === 404) {
      await discard(exchange);
      permit.finish("success");
      return undefined;
    }
    if (!exchange.ok && exchange.failure === "aborted") {
      permit.finish("cancelled");
      return undefined;
    }
    const failure = await callFailure(result, this.#ctx.token);
    this.#policy.outage(permit.finish(failure.outage ? "outage" : "other-failure"));
    if (failure.error.code === "ERR_REMOTE_CACHE_FORBIDDEN") this.#policy.readFailed(hash, failure);
    else this.#policy.warn("query-failed", "debug", failure.error.message, hash, failure.error);
    return undefined;
  }

  /**
   * Existence of many artifacts: one `POST /v8/artifacts`. When the server answers but the answer
   * is unusable (404 on servers without it, a malformed entry), one HEAD per hash, a few at a
   * time. When it does not answer (timeout, connection, 5xx), nothing more is sent and the
   * artifacts count as unknown, with a warning: a `--dry` run says the remote did not answer
   * instead of waiting on it once more per hash.
   */
  async query(
    hashes: readonly string[],
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<Map<string, ArtifactInfo | undefined>> {
    const out = new Map<string, ArtifactInfo | undefined>(hashes.map((hash) => [hash, undefined]));
    if (hashes.length === 0 || this.#policy.readsDisabled || this.#cancelled(options.signal))
      return out;
    const permit = this.#breaker.enter();
    if (permit === undefined) return out;
    const batch = await batchQuery(this.#ctx, hashes, this.#timeout(), options.signal);
    if (batch.kind === "answer") {
      permit.finish("success");
      return batch.found;
    }
    if (batch.kind === "failed") {
      const { exchange } = batch.result;
      if (!exchange.ok && exchange.failure === "aborted") {
        permit.finish("cancelled");
        return out;
      }
      const failure = await callFailure(batch.result, this.#ctx.token);
      this.#policy.outage(permit.finish(failure.outage ? "outage" : "other-failure"));
      if (failure.outage) {
        this.#policy.warn(
          "query-failed",
          "warn",
          `Remote cache did not answer (${failure.error.message}); remote artifacts are reported as missing`,
          undefined,
          failure.error,
        );
        return out;
      }
    } else {
      permit.finish("success");
    }
    await forEachAtMost(QUERY_FALLBACK_CONCURRENCY, hashes, async (hash) => {
      out.set(hash, await this.exists(hash, options));
    });
    return out;
  }

  /** Uploads an artifact file; the outcome is a value, problems are warnings. */
  async put(
    hash: string,
    put: PutRequest,
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<PutOutcome> {
    if (this.#cancelled(options.signal)) return { status: "skipped", reason: "cancelled" };
    if (this.#policy.uploadsDisabled) return { status: "skipped", reason: "uploads-disabled" };
    if (this.#signing && this.#verify === undefined) {
      this.#policy.missingKey(hash);
      return { status: "skipped", reason: "no-signature-key" };
    }
    const permit = this.#breaker.enter();
    if (permit === undefined) return { status: "skipped", reason: "remote-unavailable" };
    const tag =
      this.#verify === undefined
        ? undefined
        : (put.tag ?? (await signFile({ ...this.#verify, hash }, put.path, put.size)));
    const spec = putSpec(
      this.#ctx,
      hash,
      put,
      tag,
      this.#putCi,
      this.#options.uploadTimeoutMs ?? 60_000,
    );
    const result = await call(this.#ctx, { ...spec, signal: options.signal });
    const { exchange } = result;
    if (!exchange.ok && exchange.failure === "aborted") {
      permit.finish("cancelled");
      return { status: "skipped", reason: "cancelled" };
    }
    if (exchange.ok && exchange.response.status >= 200 && exchange.response.status < 300) {
      await discard(exchange);
      permit.finish("success");
      return { status: "uploaded" };
    }
    const failure = await callFailure(result, this.#ctx.token);
    this.#policy.outage(permit.finish(failure.outage ? "outage" : "other-failure"));
    this.#policy.uploadFailed(hash, failure);
    return { status: "failed", error: failure.error };
  }

  /** `GET /v8/artifacts/status` within 250 ms, for the banner. */
  status(): Promise<CachingStatus> {
    return checkCachingStatus(this.#ctx, this.#options.statusBudgetMs);
  }

  /** Queues an analytics event (LOCAL ones; REMOTE ones are recorded by `fetch`). */
  recordEvent(event: AnalyticsEvent): void {
    this.#events.record(event);
  }

  /** Flushes queued events and waits for them. The dispatcher stays open (it is the caller's). */
  close(): Promise<void> {
    return this.#events.close();
  }
}
