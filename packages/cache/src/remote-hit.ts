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

/**
 * turbo's remote read: download (verified by the client), restore into the repo root, and with
 * `local:w` rename the very downloaded file into the local store with meta duration =
 * `x-artifact-duration` and the local git state. Every failure is a warning and a miss; the
 * download is removed whatever happens.
 */
export async function fetchRemoteHit(
  ctx: RemoteHitContext,
  hash: string,
): Promise<CacheHit | undefined> {
  let artifact: RemoteArtifact | undefined;
  try {
    if (ctx.keepLocally) await ctx.local.ensureDir();
    const tempDir = ctx.keepLocally ? ctx.local.cacheDir : ctx.tempDir;
    artifact = await ctx.remote.fetch(hash, { tempDir });
  } catch (error) {
    ctx.events.warn("WARN_CACHE_REMOTE_FETCH", hash, `remote cache fetch of ${hash} failed`, error);
    return undefined;
  }
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
