import { TurbineError, type TurbineErrorOptions } from "@turbine/errors";

/** Every stable error code of `@turbine/artifact`. See README "Errors". */
export type ArtifactErrorCode =
  | "ERR_ARTIFACT_ABSOLUTE_PATH"
  | "ERR_ARTIFACT_PATH_ESCAPE"
  | "ERR_ARTIFACT_GIT_PATH"
  | "ERR_ARTIFACT_OUT_OF_SCOPE"
  | "ERR_ARTIFACT_BAD_NAME"
  | "ERR_ARTIFACT_NUL_IN_NAME"
  | "ERR_ARTIFACT_THROUGH_SYMLINK"
  | "ERR_ARTIFACT_SYMLINK_ESCAPE"
  | "ERR_ARTIFACT_SYMLINK_CYCLE"
  | "ERR_ARTIFACT_UNSUPPORTED_TYPE"
  | "ERR_ARTIFACT_DUPLICATE_ENTRY"
  | "ERR_ARTIFACT_CONFLICT"
  | "ERR_ARTIFACT_TRUNCATED"
  | "ERR_ARTIFACT_CORRUPT"
  | "ERR_ARTIFACT_LIMIT"
  | "ERR_ARTIFACT_UNSUPPORTED_FILE"
  | "ERR_ARTIFACT_NOT_FOUND"
  | "ERR_ARTIFACT_CHANGED_DURING_PACK";

export interface ArtifactErrorOptions extends TurbineErrorOptions {
  /** The archive entry or source path the error is about, when there is one. */
  readonly path?: string;
}

/**
 * The one error class of this package. `code` is stable; `message` says what, where and what to
 * do; `hint` is a short suggestion for the user.
 */
export class ArtifactError extends TurbineError<ArtifactErrorCode> {
  override readonly name = "ArtifactError";
  readonly path: string | undefined;

  constructor(code: ArtifactErrorCode, message: string, options: ArtifactErrorOptions = {}) {
    super(code, message, options);
    this.path = options.path;
  }
}

const REFUSED_HINT =
  "The artifact is unsafe or damaged; treat it as a cache miss and rebuild the task.";

/** An error about a refused or damaged archive; every such error shares the same hint. */
export function refused(
  code: ArtifactErrorCode,
  message: string,
  options: { readonly path?: string; readonly cause?: unknown } = {},
): ArtifactError {
  return new ArtifactError(code, message, { hint: REFUSED_HINT, ...options });
}
