import type { CacheSource } from "./types.js";

/** A remote artifact already verified (signature checked) and spooled to a local file. */
export interface RemoteArtifact {
  /** Absolute path of the temp file the body was streamed into; the caller owns it afterwards. */
  readonly path: string;
  readonly size: number;
  /** `x-artifact-duration` in ms, 0 when absent. */
  readonly durationMs: number;
}

/** What an upload needs: the finished artifact file and the headers turbo sends with it. */
export interface RemoteUpload {
  readonly path: string;
  readonly size: number;
  readonly durationMs: number;
  readonly sha?: string | undefined;
  readonly dirtyHash?: string | undefined;
}

/** How an upload ended; the client reports problems as values (and its own warnings). */
export type RemotePutOutcome =
  | { readonly status: "uploaded" }
  | { readonly status: "skipped"; readonly reason: string }
  | { readonly status: "failed"; readonly error: unknown };

/**
 * What a download's first bytes must look like to be read on: a body that fails `test` is
 * abandoned at once (a server answering with an error page, or trickling junk).
 */
export interface RemoteHeadCheck {
  readonly bytes: number;
  readonly test: (head: Uint8Array) => boolean;
}

/** Options of one download. */
export interface RemoteFetchOptions {
  /** Where the download's temp file goes. */
  readonly tempDir: string;
  readonly head?: RemoteHeadCheck | undefined;
  /** Cancels the download (a run being stopped). */
  readonly signal?: AbortSignal | undefined;
}

/** One analytics event (`POST /v8/artifacts/events`), fields as turbo sends them. */
export interface RemoteCacheEvent {
  readonly source: CacheSource;
  readonly event: "HIT" | "MISS";
  readonly hash: string;
  readonly duration: number;
}

/**
 * The remote side the multiplexer needs: a structural subset of `@turbine/remote-cache`'s
 * `RemoteCacheClient`, so the real client plugs in as is and tests can inject a failing one.
 *
 * - `fetch` resolves undefined for a miss or any failure (it warns through its own listener) and
 *   records the `REMOTE` HIT/MISS analytics event itself, as turbo's HTTP cache does.
 * - `exists` resolves undefined when the artifact is absent or unknown; `query` does it for many.
 * - `put` resolves an outcome; it does not throw for remote trouble.
 * - `recordEvent` queues an analytics event; the multiplexer sends the `LOCAL` ones.
 *
 * A rejection from any method is still caught and becomes a warning event and a miss.
 */
export interface RemoteStore {
  fetch(hash: string, options: RemoteFetchOptions): Promise<RemoteArtifact | undefined>;
  exists(hash: string): Promise<{ readonly taskDurationMs: number } | undefined>;
  /** Existence of many hashes at once (`POST /v8/artifacts`, HEAD fallback); optional. */
  query?(
    hashes: readonly string[],
  ): Promise<ReadonlyMap<string, { readonly taskDurationMs: number } | undefined>>;
  put(hash: string, upload: RemoteUpload): Promise<RemotePutOutcome>;
  recordEvent(event: RemoteCacheEvent): void;
}
