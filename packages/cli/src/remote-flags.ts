import type { RunOptions } from "@turbine/runner";

import type { GlobalFlags } from "./args/flags.js";

/** The remote cache flags every command that may ask the cache takes (`--api`, `--token`, …). */
export function remoteFlagsOf(global: GlobalFlags): NonNullable<RunOptions["remoteFlags"]> {
  return {
    ...(global.api === undefined ? {} : { api: global.api }),
    ...(global.token === undefined ? {} : { token: global.token }),
    ...(global.team === undefined ? {} : { team: global.team }),
    ...(global.preflight === undefined ? {} : { preflight: global.preflight }),
    ...(global.remoteCacheTimeout === undefined
      ? {}
      : { remoteCacheTimeout: global.remoteCacheTimeout }),
  };
}
