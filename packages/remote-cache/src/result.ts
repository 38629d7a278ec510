import type { RemoteCacheError } from "./errors.js";

/** An expected failure as a value: configuration parsing never throws. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: RemoteCacheError };

export function ok<T>(value: T, warnings: readonly string[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(error: RemoteCacheError): Result<T> {
  return { ok: false, error };
}
