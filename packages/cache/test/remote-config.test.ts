import { remoteCacheBanner, resolveCacheSettings, resolveRemoteCacheConfig } from "@turbine/cache";
import { describe, expect, it } from "vitest";

describe("resolveRemoteCacheConfig", () => {
  it("uses turbo's defaults", () => {
    const result = resolveRemoteCacheConfig({ env: {} });
    expect(result.ok && result.value).toMatchObject({
      apiUrl: "https://vercel.com/api",
      state: "no-token",
      preflight: false,
      timeoutMs: 30_000,
      uploadTimeoutMs: 60_000,
      signature: false,
    });
  });

  it("prefers flags over env over turbo.json", () => {
    const result = resolveRemoteCacheConfig({
      env: {
        TURBO_API: "http://env",
        TURBO_TEAM: "env-team",
        TURBO_TOKEN: "env-tok",
        TURBO_REMOTE_CACHE_TIMEOUT: "5",
      },
      turboJson: {
        apiUrl: "http://json",
        teamSlug: "json-team",
        timeout: 9,
        uploadTimeout: 7,
        preflight: true,
      },
      flags: { api: "http://flag", team: "flag-team", remoteCacheTimeout: 3 },
    });
    expect(result.ok && result.value).toMatchObject({
      apiUrl: "http://flag",
      teamSlug: "flag-team",
      token: "env-tok",
      timeoutMs: 3000,
      uploadTimeoutMs: 7000,
      preflight: true,
      state: "ready",
    });
  });

  it("reads the team id from TURBO_TEAMID and keeps it raw", () => {
    const result = resolveRemoteCacheConfig({ env: { TURBO_TOKEN: "t", TURBO_TEAMID: "abc123" } });
    expect(result.ok && result.value.teamId).toBe("abc123");
    expect(result.ok && result.value.state).toBe("ready");
  });

  it("treats 0 as no timeout", () => {
    const result = resolveRemoteCacheConfig({
      env: { TURBO_REMOTE_CACHE_TIMEOUT: "0", TURBO_REMOTE_CACHE_UPLOAD_TIMEOUT: "0" },
    });
    expect(result.ok && [result.value.timeoutMs, result.value.uploadTimeoutMs]).toEqual([0, 0]);
  });

  it.each([
    [{ TURBO_REMOTE_CACHE_TIMEOUT: "1.5" }, "TURBO_REMOTE_CACHE_TIMEOUT: Error parsing timeout."],
    [
      { TURBO_REMOTE_CACHE_UPLOAD_TIMEOUT: "-1" },
      "TURBO_REMOTE_CACHE_UPLOAD_TIMEOUT: Error parsing timeout.",
    ],
    [{ TURBO_PREFLIGHT: "TRUE" }, "TURBO_PREFLIGHT should be either 1 or 0."],
  ])("rejects %o with turbo's message", (env, message) => {
    const result = resolveRemoteCacheConfig({ env });
    expect(!result.ok && result.error.message).toBe(message);
    expect(!result.ok && result.error.code).toBe("ERR_REMOTE_CACHE_CONFIG_INVALID");
  });

  it("turns signing on from turbo.json and keeps an empty key", () => {
    const result = resolveRemoteCacheConfig({
      env: { TURBO_REMOTE_CACHE_SIGNATURE_KEY: "" },
      turboJson: { signature: true },
    });
    expect(result.ok && [result.value.signature, result.value.signatureKey]).toEqual([true, ""]);
  });

  it("makes a short key fatal only with futureFlags.longerSignatureKey", () => {
    const input = {
      env: { TURBO_REMOTE_CACHE_SIGNATURE_KEY: "short" },
      turboJson: { signature: true },
    };
    expect(resolveRemoteCacheConfig(input).ok).toBe(true);
    const strict = resolveRemoteCacheConfig({ ...input, longerSignatureKey: true });
    expect(!strict.ok && strict.error.code).toBe("ERR_REMOTE_CACHE_SIGNATURE_KEY_SHORT");
    expect(!strict.ok && strict.error.message).toBe(
      "TURBO_REMOTE_CACHE_SIGNATURE_KEY is too short (5 bytes). A minimum of 32 bytes is required for cryptographic strength.",
    );
  });
});

describe("resolveCacheSettings", () => {
  const settings = (flags: object, env: Record<string, string> = {}, remoteAvailable = true) =>
    resolveCacheSettings({ flags, env, remoteAvailable });

  it("defaults to local:rw,remote:rw", () => {
    const result = settings({});
    expect(result.ok && result.value).toEqual({
      local: { read: true, write: true },
      remote: { read: true, write: true },
    });
  });

  it("lets --force turn reads off but keeps writes", () => {
    const result = settings({ force: true });
    expect(result.ok && result.value).toEqual({
      local: { read: false, write: true },
      remote: { read: false, write: true },
    });
  });

  it("maps --no-cache to local:r,remote:r with turbo's deprecation warning", () => {
    const result = settings({ noCache: true });
    expect(result.ok && result.value).toEqual({
      local: { read: true, write: false },
      remote: { read: true, write: false },
    });
    expect(result.ok && result.warnings).toEqual([
      "--no-cache is deprecated and will be removed in a future major version. Use --cache=local:r,remote:r",
    ]);
  });

  it("maps TURBO_REMOTE_ONLY to remote:rw and TURBO_REMOTE_CACHE_READ_ONLY to remote:r", () => {
    const remoteOnly = settings({}, { TURBO_REMOTE_ONLY: "true" });
    expect(remoteOnly.ok && remoteOnly.value.local).toEqual({ read: false, write: false });
    expect(remoteOnly.ok && remoteOnly.warnings[0]).toBe(
      "TURBO_REMOTE_ONLY is deprecated and will be removed in a future major version. Use TURBO_CACHE=remote:rw",
    );
    const readOnly = settings({}, { TURBO_REMOTE_CACHE_READ_ONLY: "1" });
    expect(readOnly.ok && readOnly.value.remote).toEqual({ read: true, write: false });
  });

  it("prefers --cache over TURBO_CACHE and turns the remote off when it is unusable", () => {
    const result = settings({ cache: "remote:r" }, { TURBO_CACHE: "local:rw" }, false);
    expect(result.ok && result.value).toEqual({
      local: { read: false, write: false },
      remote: { read: false, write: false },
    });
  });

  it.each([
    [
      { cache: "local:rw", force: true },
      {},
      "the argument '--cache' cannot be used with '--force'",
    ],
    [
      { cache: "local:rw", noCache: true },
      {},
      "the argument '--cache' cannot be used with '--no-cache'",
    ],
    [
      { remoteCacheReadOnly: true },
      { TURBO_CACHE: "local:rw" },
      "Cannot set `cache` config and other cache options (`force`, `remoteOnly`, `remoteCacheReadOnly`) at the same time.",
    ],
  ])("rejects %o with %o", (flags, env, message) => {
    const result = settings(flags, env);
    expect(!result.ok && result.error.message).toBe(message);
  });
});

describe("remoteCacheBanner", () => {
  const cache = { local: { read: true, write: true }, remote: { read: true, write: true } };
  it("hides credentials in the unreachable banner", () => {
    const banner = remoteCacheBanner({
      state: "ready",
      apiUrl: "http://u:p@h",
      cache,
      status: { kind: "unreachable" },
    });
    expect(banner).toEqual({
      text: 'Remote caching unavailable (Could not connect to "http://h")',
      level: "warn",
    });
  });
  it("says enabled when the status check timed out", () => {
    const banner = remoteCacheBanner({
      state: "ready",
      apiUrl: "x",
      cache,
      status: { kind: "enabled", assumed: "timeout" },
    });
    expect(banner.text).toBe("Remote caching enabled");
  });
});
