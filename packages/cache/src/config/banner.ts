import { unreachable } from "@turbine/errors";
import { type CachingStatus, redactUrlCredentials } from "@turbine/remote-cache";

import type { CacheConfig } from "./cache-config.js";
import type { RemoteCacheState } from "./remote-config.js";

export interface Banner {
  /** The banner line without turbo's leading `• `. */
  readonly text: string;
  /** turbo prints the "unavailable" lines as warnings. */
  readonly level: "info" | "warn";
}

export interface BannerInput {
  readonly state: RemoteCacheState;
  readonly apiUrl: string;
  /** The run's resolved cache sources. */
  readonly cache: CacheConfig;
  /** The status check result; omit when no check was made. */
  readonly status?: CachingStatus | undefined;
}

/** The remote caching line turbo 2.11.13 prints at the start of `turbo run`, for each state. */
export function remoteCacheBanner(input: BannerInput): Banner {
  const info = (text: string): Banner => ({ text, level: "info" });
  switch (input.state) {
    case "no-token":
      return info("Remote caching disabled");
    case "token-without-team":
      return info("Remote caching disabled (TURBO_TOKEN set without TURBO_TEAM)");
    case "disabled-in-config":
      return info("Remote caching disabled (in configuration)");
    case "ready":
      break;
    default:
      return unreachable(input.state);
  }
  const { remote } = input.cache;
  if (!remote.read && !remote.write) return info("Remote caching disabled (by flags)");
  const reason = unavailableReason(input.status ?? { kind: "enabled" }, input.apiUrl);
  if (reason !== undefined)
    return { text: `Remote caching unavailable (${reason})`, level: "warn" };
  return info(
    remote.read && !remote.write ? "Remote caching enabled (read-only)" : "Remote caching enabled",
  );
}

function unavailableReason(status: CachingStatus, apiUrl: string): string | undefined {
  switch (status.kind) {
    case "enabled":
      return undefined;
    case "disabled":
      return "Disabled for this team";
    case "over_limit":
      return "Usage limit exceeded";
    case "paused":
      return "Spending paused";
    case "auth-failed":
      return 'Authentication failed — check TURBO_TOKEN or run "turbo login"';
    case "unreachable":
      return `Could not connect to "${redactUrlCredentials(apiUrl)}"`;
    default:
      return unreachable(status);
  }
}
