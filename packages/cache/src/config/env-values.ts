import type { Env } from "@turbine/remote-cache";

import { CacheError } from "../cache-error.js";
import { fail, ok, type Result } from "./result.js";

export type { Env };

function configError(message: string, hint: string): CacheError {
  return new CacheError("ERR_REMOTE_CACHE_CONFIG_INVALID", message, { hint });
}

/** A boolean env var as turbo reads it: `1`/`true`, `0`/`false`, empty = unset. */
export function parseEnvBoolean(
  name: string,
  value: string | undefined,
): Result<boolean | undefined> {
  if (value === undefined || value === "") return ok(undefined);
  if (value === "1" || value === "true") return ok(true);
  if (value === "0" || value === "false") return ok(false);
  return fail(
    configError(`${name} should be either 1 or 0.`, `Unset ${name} or set it to 1 or 0.`),
  );
}

/** A timeout env var in whole seconds (`0` = none), as turbo reads it. Returns seconds. */
export function parseEnvTimeout(
  name: string,
  value: string | undefined,
): Result<number | undefined> {
  if (value === undefined || value === "") return ok(undefined);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    return fail(
      configError(
        `${name}: Error parsing timeout.`,
        `Set ${name} to a whole number of seconds (0 = no timeout).`,
      ),
    );
  }
  return ok(Number(value));
}

/** A timeout from turbo.json or a flag: a non-negative whole number of seconds. */
export function checkTimeout(where: string, value: number | undefined): Result<number | undefined> {
  if (value === undefined) return ok(undefined);
  if (!Number.isSafeInteger(value) || value < 0) {
    return fail(
      configError(
        `${where} must be a whole number of seconds (got ${String(value)})`,
        "Use an integer such as 30; 0 means no timeout.",
      ),
    );
  }
  return ok(value);
}

/** The first defined value, flags before env before turbo.json. */
export function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/** An env var that is set and non-empty, or undefined. */
export function envString(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}
