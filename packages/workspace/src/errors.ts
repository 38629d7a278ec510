/** Stable error codes of @turbine/workspace. */
export type WorkspaceErrorCode =
  | "ERR_WORKSPACE_NO_PACKAGE_MANAGER"
  | "ERR_WORKSPACE_INVALID_PACKAGE_MANAGER"
  | "ERR_WORKSPACE_UNSUPPORTED_PACKAGE_MANAGER"
  | "ERR_WORKSPACE_MULTIPLE_PACKAGE_MANAGERS"
  | "ERR_WORKSPACE_PACKAGE_MANAGER_MISMATCH"
  | "ERR_WORKSPACE_BUN_BINARY_LOCKFILE"
  | "ERR_WORKSPACE_UNKNOWN_YARN_LOCKFILE"
  | "ERR_WORKSPACE_PACKAGE_JSON"
  | "ERR_WORKSPACE_READ"
  | "ERR_WORKSPACE_DUPLICATE_PACKAGE"
  | "ERR_LOCKFILE_MISSING"
  | "ERR_LOCKFILE_PARSE"
  | "ERR_LOCKFILE_UNSUPPORTED_VERSION"
  | "ERR_LOCKFILE_MISSING_WORKSPACE"
  | "ERR_LOCKFILE_INVALID_ENTRY";

export interface WorkspaceErrorOptions {
  /** What the user can do about it. */
  readonly hint?: string;
  /** The file the problem is in, repo-relative or absolute. */
  readonly file?: string;
  readonly cause?: unknown;
}

/** The single error class of @turbine/workspace; switch on `code`, never on the message. */
export class WorkspaceError extends Error {
  override readonly name = "WorkspaceError";
  readonly code: WorkspaceErrorCode;
  readonly hint: string | undefined;
  readonly file: string | undefined;

  constructor(code: WorkspaceErrorCode, message: string, options: WorkspaceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.file = options.file;
  }
}

export function isWorkspaceError(value: unknown): value is WorkspaceError {
  return value instanceof WorkspaceError;
}

/** For exhaustive switches: reaching this is a bug. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

/** A short, single-line description of a thrown value, for `cause`-carrying messages. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
