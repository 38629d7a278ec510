import type { WorkspaceError } from "../errors.js";

/** An expected outcome: a value or the WorkspaceError that explains why there is none. */
export type ConfigResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WorkspaceError };

export function ok<T>(value: T): ConfigResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: WorkspaceError): ConfigResult<T> {
  return { ok: false, error };
}
