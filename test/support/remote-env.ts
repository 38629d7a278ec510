import type { RemoteCacheServer } from "@turbine/test-utils";

/** The environment that points turbo and turbine at `server`, with signed artifacts. */
export function signedRemoteEnv(server: RemoteCacheServer): Record<string, string> {
  return {
    TURBO_API: server.url,
    TURBO_TOKEN: server.token,
    TURBO_TEAMID: server.team,
    TURBO_REMOTE_CACHE_SIGNATURE_KEY: "turbine-e2e-signature-key-0123456789abcdef",
  };
}
