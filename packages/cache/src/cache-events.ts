import type { RemoteStore } from "./remote-store.js";
import type { CacheEvent, CacheEventListener, CacheSource, CacheWarningCode } from "./types.js";

/**
 * Where a cache's events go: the caller's listener, and LOCAL lookups also to the remote client's
 * analytics (it records REMOTE ones itself). Neither can disturb the cache: their errors are
 * swallowed.
 */
export class CacheEvents {
  constructor(
    private readonly listener: CacheEventListener | undefined,
    private readonly analytics: RemoteStore | undefined,
  ) {}

  lookup(source: CacheSource, event: "HIT" | "MISS", hash: string, durationMs: number): void {
    this.emit({ type: "lookup", source, event, hash, durationMs });
    if (source === "REMOTE") return;
    try {
      this.analytics?.recordEvent({ source, event, hash, duration: durationMs });
    } catch {
      // Analytics never affect a build.
    }
  }

  warn(code: CacheWarningCode, hash: string, message: string, cause: unknown): void {
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    this.emit({ type: "warning", code, hash, message: `${message}${detail}`, cause });
  }

  emit(event: CacheEvent): void {
    try {
      this.listener?.(event);
    } catch {
      // A listener's failure is not the cache's.
    }
  }
}
