import { type Env, RemoteCacheClient, type WarningListener } from "@turbine/remote-cache";

import type { CacheConfig } from "./cache-config.js";
import type { RemoteCacheConfig } from "./remote-config.js";

export interface OpenRemoteInput {
  /** The resolved remote settings (`resolveRemoteCacheConfig`). */
  readonly remote: RemoteCacheConfig;
  /** The run's cache sources (`resolveCacheSettings`). */
  readonly cache: CacheConfig;
  /** The team id to sign with when the settings name none (turbo.json's effective team). */
  readonly teamId?: string | undefined;
  readonly env?: Env | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onWarning?: WarningListener | undefined;
}

/**
 * The `/v8` client the settings call for, ready to hand to `Cache.create` as its remote; undefined
 * when remote caching is off (no token or team, disabled in turbo.json, or no remote reads or
 * writes in `--cache`).
 */
export async function openRemoteClient(
  input: OpenRemoteInput,
): Promise<RemoteCacheClient | undefined> {
  const { remote, cache } = input;
  if (remote.state !== "ready" || remote.token === undefined) return undefined;
  if (!cache.remote.read && !cache.remote.write) return undefined;
  return RemoteCacheClient.create({
    apiUrl: remote.apiUrl,
    token: remote.token,
    teamId: remote.teamId ?? input.teamId,
    teamSlug: remote.teamSlug,
    signatureKey: remote.signatureKey,
    signing: remote.signature,
    preflight: remote.preflight,
    timeoutMs: remote.timeoutMs,
    uploadTimeoutMs: remote.uploadTimeoutMs,
    env: input.env,
    signal: input.signal,
    onWarning: input.onWarning,
  });
}
