import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type {
  RemoteArtifact,
  RemoteCacheEvent,
  RemotePutOutcome,
  RemoteStore,
  RemoteUpload,
} from "@turbine/cache";

interface Stored {
  bytes: Buffer;
  durationMs: number;
  sha: string | undefined;
}

/**
 * An in-process stand-in for the remote client with switchable faults. The real client and the
 * real server are exercised by the remote contract suite; this one makes failures deterministic.
 * Like the real client it records REMOTE analytics events itself.
 */
export class MemoryRemote implements RemoteStore {
  readonly entries = new Map<string, Stored>();
  readonly events: RemoteCacheEvent[] = [];
  readonly calls: string[] = [];
  /** Make `fetch` write part of the body to its temp file, then reject. */
  failFetch = false;
  failPut = false;
  /** Delay each upload by this long. */
  putDelayMs = 0;
  activePuts = 0;
  maxActivePuts = 0;

  async fetch(hash: string, options: { tempDir: string }): Promise<RemoteArtifact | undefined> {
    this.calls.push(`fetch ${hash}`);
    const stored = this.entries.get(hash);
    const path = join(options.tempDir, `.remote-${hash}-${randomBytes(4).toString("hex")}.tmp`);
    if (this.failFetch) {
      await writeFile(path, stored?.bytes.subarray(0, 10) ?? "partial");
      throw new Error("connection reset while downloading");
    }
    if (stored === undefined) {
      this.events.push({ source: "REMOTE", event: "MISS", hash, duration: 0 });
      return undefined;
    }
    await writeFile(path, stored.bytes);
    this.events.push({ source: "REMOTE", event: "HIT", hash, duration: stored.durationMs });
    return { path, size: stored.bytes.length, durationMs: stored.durationMs };
  }

  exists(hash: string): Promise<{ taskDurationMs: number } | undefined> {
    this.calls.push(`exists ${hash}`);
    const stored = this.entries.get(hash);
    return Promise.resolve(
      stored === undefined ? undefined : { taskDurationMs: stored.durationMs },
    );
  }

  async put(hash: string, upload: RemoteUpload): Promise<RemotePutOutcome> {
    this.calls.push(`put ${hash}`);
    this.activePuts += 1;
    this.maxActivePuts = Math.max(this.maxActivePuts, this.activePuts);
    try {
      if (this.putDelayMs > 0) await new Promise((r) => setTimeout(r, this.putDelayMs));
      if (this.failPut) return { status: "failed", error: new Error("500 Internal Server Error") };
      const bytes = await readFile(upload.path);
      if (bytes.length !== upload.size) throw new Error("size mismatch");
      this.entries.set(hash, { bytes, durationMs: upload.durationMs, sha: upload.sha });
      return { status: "uploaded" };
    } finally {
      this.activePuts -= 1;
    }
  }

  recordEvent(event: RemoteCacheEvent): void {
    this.events.push(event);
  }
}
