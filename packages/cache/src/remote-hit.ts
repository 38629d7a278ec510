import { removeQuietly } from "./atomic-file.js";
import type { CacheEvents } from "./cache-events.js";
import type { LocalCache } from "./local-cache.js";
import type { RemoteArtifact, RemoteStore } from "./remote-store.js";
import type { CacheHit, GitState } from "./types.js";

export interface RemoteHitContext {
  remote: RemoteStore;
  local: LocalCache;
  /** Keep the hit in the local store (`local:w`). */
  keepLocally: boolean;
  /** Where downloads go when they are not kept (with `keepLocally` they land in the cache dir). */
  tempDir: string;
  gitState: GitState;
  events: CacheEvents;
}

/** A download under way: its file, or undefined for a miss (`failed` when it threw). */
export type RemoteDownload = Promise<
  { readonly artifact: RemoteArtifact | undefined } | { readonly failed: unknown }
>;

/**
 * Starts downloading `hash` (verified by the client) into the cache dir (`local:w`, so a hit can
 * be renamed into the store) or `tempDir`. Never rejects.
 */
export async function startDownload(
  ctx: RemoteHitContext,
  hash: string,
  signal?: AbortSignal,
): RemoteDownload {
  try {
    if (ctx.keepLocally) await ctx.local.ensureDir();
    const tempDir = ctx.keepLocally ? ctx.local.cacheDir : ctx.tempDir;
    const head = await ctx.local.io.headCheck();
    return { artifact: await ctx.remote.fetch(hash, { tempDir, head, signal }) };
  } catch (failed) {
    return { failed };
  }
}

/**
 * turbo's remote read, once `download` (from `startDownload`, perhaps started long before)
 * settles: restore into the repo root and, with `local:w`, rename the very downloaded file into
 * the local store with meta duration = `x-artifact-duration` and the local git state. Every
 * failure is a warning and a miss; the download is removed whatever happens.
 */
export async function fetchRemoteHit(
  ctx: RemoteHitContext,
  hash: string,
  download: RemoteDownload,
): Promise<CacheHit | undefined> {
  const settled = await download;
  if ("failed" in settled) {
    ctx.events.warn(
      "WARN_CACHE_REMOTE_FETCH",
      hash,
      `remote cache fetch of ${hash} failed`,
      settled.failed,
    );
    return undefined;
  }
  const { artifact } = settled;
  if (artifact === undefined) {
    ctx.events.lookup("REMOTE", "MISS", hash, 0);
    return undefined;
  }
  try {
    return await restoreAndKeep(ctx, hash, artifact);
  } finally {
    await removeQuietly(artifact.path);
  }
}

/** Removes what a download left, when its task never came to use it. */
export async function discardDownload(download: RemoteDownload): Promise<void> {
  const settled = await download;
  if ("artifact" in settled && settled.artifact !== undefined) {
    await removeQuietly(settled.artifact.path);
  }
}

async function restoreAndKeep(
  ctx: RemoteHitContext,
  hash: string,
  artifact: RemoteArtifact,
): Promise<CacheHit | undefined> {
  let restored;
  try {
    restored = await ctx.local.io.restoreFromFile(artifact.path, ctx.local.repoRoot);
  } catch (error) {
    ctx.events.warn("WARN_CACHE_REMOTE_RESTORE", hash, `remote artifact ${hash} refused`, error);
    return undefined;
  }
  ctx.events.lookup("REMOTE", "HIT", hash, artifact.durationMs);
  if (ctx.keepLocally) {
    const meta = { hash, durationMs: artifact.durationMs, ...ctx.gitState };
    try {
      await ctx.local.install(hash, artifact.path, {
        meta,
        entries: restored.entries,
        mode: "move",
      });
    } catch (error) {
      ctx.events.warn("WARN_CACHE_LOCAL_INSTALL", hash, `remote hit ${hash} not kept`, error);
    }
  }
  const files = restored.entries.map((e) => e.path);
  return { source: "REMOTE", durationMs: artifact.durationMs, files, written: restored.written };
}
