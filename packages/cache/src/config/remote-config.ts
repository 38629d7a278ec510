import { MIN_SIGNATURE_KEY_BYTES, shortKeyMessage } from "@turbine/remote-cache";

import { CacheError } from "../cache-error.js";
import {
  checkTimeout,
  type Env,
  envString,
  firstDefined,
  parseEnvBoolean,
  parseEnvTimeout,
} from "./env-values.js";
import { fail, ok, type Result } from "./result.js";

/** The `remoteCache` object of turbo.json. */
export interface RemoteCacheJson {
  readonly apiUrl?: string;
  readonly loginUrl?: string;
  readonly teamId?: string;
  readonly teamSlug?: string;
  readonly enabled?: boolean;
  readonly signature?: boolean;
  readonly preflight?: boolean;
  readonly timeout?: number;
  readonly uploadTimeout?: number;
}

/** Command-line flags that turbo maps onto the remote cache. */
export interface RemoteCacheFlags {
  readonly api?: string;
  readonly token?: string;
  readonly team?: string;
  readonly preflight?: boolean;
  readonly remoteCacheTimeout?: number;
}

export interface ResolveRemoteCacheInput {
  readonly env: Env;
  readonly turboJson?: RemoteCacheJson | undefined;
  readonly flags?: RemoteCacheFlags | undefined;
  /** `futureFlags.longerSignatureKey`: a signature key under 32 bytes becomes an error. */
  readonly longerSignatureKey?: boolean | undefined;
}

/**
 * Why remote caching is (not) usable, in the order turbo decides it: no token, a token without a
 * team, `remoteCache.enabled: false`, else ready.
 */
export type RemoteCacheState = "ready" | "no-token" | "token-without-team" | "disabled-in-config";

export interface RemoteCacheConfig {
  readonly apiUrl: string;
  readonly token: string | undefined;
  readonly teamId: string | undefined;
  readonly teamSlug: string | undefined;
  readonly state: RemoteCacheState;
  /** `remoteCache.signature`: sign uploads and verify downloads. */
  readonly signature: boolean;
  /** `TURBO_REMOTE_CACHE_SIGNATURE_KEY`, raw; may be "" (turbo signs with an empty key). */
  readonly signatureKey: string | undefined;
  readonly preflight: boolean;
  /** 0 = no timeout. */
  readonly timeoutMs: number;
  readonly uploadTimeoutMs: number;
}

/** turbo's default API (the banner shows it as `https://vercel.com/api`). */
export const DEFAULT_API_URL = "https://vercel.com/api";
export const DEFAULT_TIMEOUT_S = 30;
export const DEFAULT_UPLOAD_TIMEOUT_S = 60;

/**
 * Resolves remote cache settings from env, flags and turbo.json the way turbo 2.11.13 does
 * (flags over env over turbo.json over defaults). Pure: pass `process.env` in.
 */
export function resolveRemoteCacheConfig(
  input: ResolveRemoteCacheInput,
): Result<RemoteCacheConfig> {
  const { env } = input;
  const json = input.turboJson ?? {};
  const flags = input.flags ?? {};

  const preflightEnv = parseEnvBoolean("TURBO_PREFLIGHT", env.TURBO_PREFLIGHT);
  if (!preflightEnv.ok) return preflightEnv;
  const timeoutEnv = parseEnvTimeout("TURBO_REMOTE_CACHE_TIMEOUT", env.TURBO_REMOTE_CACHE_TIMEOUT);
  if (!timeoutEnv.ok) return timeoutEnv;
  const uploadEnv = parseEnvTimeout(
    "TURBO_REMOTE_CACHE_UPLOAD_TIMEOUT",
    env.TURBO_REMOTE_CACHE_UPLOAD_TIMEOUT,
  );
  if (!uploadEnv.ok) return uploadEnv;
  const timeoutFlag = checkTimeout("--remote-cache-timeout", flags.remoteCacheTimeout);
  if (!timeoutFlag.ok) return timeoutFlag;
  const timeoutJson = checkTimeout("turbo.json: remoteCache.timeout", json.timeout);
  if (!timeoutJson.ok) return timeoutJson;
  const uploadJson = checkTimeout("turbo.json: remoteCache.uploadTimeout", json.uploadTimeout);
  if (!uploadJson.ok) return uploadJson;

  const token = firstDefined(flags.token, envString(env, "TURBO_TOKEN"));
  const teamId = firstDefined(envString(env, "TURBO_TEAMID"), json.teamId);
  const teamSlug = firstDefined(flags.team, envString(env, "TURBO_TEAM"), json.teamSlug);
  const signature = json.signature === true;
  const signatureKey = env.TURBO_REMOTE_CACHE_SIGNATURE_KEY;

  if (signature && input.longerSignatureKey === true && signatureKey !== undefined) {
    const bytes = Buffer.byteLength(signatureKey, "utf8");
    if (bytes < MIN_SIGNATURE_KEY_BYTES) {
      return fail(
        new CacheError("ERR_REMOTE_CACHE_SIGNATURE_KEY_SHORT", shortKeyMessage(bytes), {
          hint: "Use a random key of at least 32 bytes, or turn off futureFlags.longerSignatureKey.",
        }),
      );
    }
  }

  return ok({
    apiUrl: firstDefined(flags.api, envString(env, "TURBO_API"), json.apiUrl) ?? DEFAULT_API_URL,
    token,
    teamId,
    teamSlug,
    state: stateOf(token, teamId, teamSlug, json.enabled),
    signature,
    signatureKey,
    preflight: firstDefined(flags.preflight, preflightEnv.value, json.preflight) ?? false,
    timeoutMs:
      1000 *
      (firstDefined(timeoutFlag.value, timeoutEnv.value, timeoutJson.value) ?? DEFAULT_TIMEOUT_S),
    uploadTimeoutMs:
      1000 * (firstDefined(uploadEnv.value, uploadJson.value) ?? DEFAULT_UPLOAD_TIMEOUT_S),
  });
}

function stateOf(
  token: string | undefined,
  teamId: string | undefined,
  teamSlug: string | undefined,
  enabled: boolean | undefined,
): RemoteCacheState {
  if (token === undefined) return "no-token";
  if (teamId === undefined && teamSlug === undefined) return "token-without-team";
  if (enabled === false) return "disabled-in-config";
  return "ready";
}
