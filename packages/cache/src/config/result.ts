import type { CacheError } from "../cache-error.js";

/** An expected failure as a value: configuration parsing never throws. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: CacheError };

export function ok<T>(value: T, warnings: readonly string[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(error: CacheError): Result<T> {
  return { ok: false, error };
}
