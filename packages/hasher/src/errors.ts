import { TurbineError } from "@turbine/errors";

/** Stable error codes raised by @turbine/hasher. Each one is documented in the README. */
export type HasherErrorCode =
  | "ERR_HASHER_GIT"
  | "ERR_HASHER_READ_FILE"
  | "ERR_HASHER_MISSING_DEPENDENCY_HASH"
  | "ERR_HASHER_TASK_CYCLE"
  | "ERR_HASHER_UNKNOWN_PACKAGE";

/**
 * The one error class of @turbine/hasher. Thrown for conditions the caller must fix (git failing,
 * an unreadable input file, an inconsistent task graph); a missing file is never an error by itself.
 */
export class HasherError extends TurbineError<HasherErrorCode> {
  override readonly name = "HasherError";
}
