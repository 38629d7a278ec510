import { TurbineError, type TurbineErrorOptions } from "@turbine/errors";

/** Stable error codes of @turbine/workspace: packages and lockfiles, turbo.json and the task graph. */
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
  | "ERR_LOCKFILE_INVALID_ENTRY"
  | "ERR_CONFIG_NOT_FOUND"
  | "ERR_CONFIG_BOTH_FILES"
  | "ERR_CONFIG_UNREADABLE"
  | "ERR_CONFIG_PARSE"
  | "ERR_CONFIG_TOO_DEEP"
  | "ERR_CONFIG_UNKNOWN_KEY"
  | "ERR_CONFIG_INVALID_TYPE"
  | "ERR_CONFIG_INVALID_VALUE"
  | "ERR_CONFIG_FEATURE_FLAG_REQUIRED"
  | "ERR_CONFIG_MISPLACED_KEY"
  | "ERR_CONFIG_EXTENDS"
  | "ERR_CONFIG_EXTENDS_CYCLE"
  | "ERR_CONFIG_PACKAGE_TASK_SYNTAX"
  | "ERR_CONFIG_TASK_EXTENDS_IN_ROOT"
  | "ERR_CONFIG_INVALID_TASK"
  | "ERR_TASK_GRAPH_UNKNOWN_TASK"
  | "ERR_TASK_GRAPH_UNKNOWN_PACKAGE"
  | "ERR_TASK_GRAPH_MISSING_DEFINITION"
  | "ERR_TASK_GRAPH_ROOT_TASK_NOT_REGISTERED"
  | "ERR_TASK_GRAPH_CYCLE"
  | "ERR_TASK_GRAPH_PERSISTENT_DEPENDENCY";

export interface WorkspaceErrorOptions extends TurbineErrorOptions {
  /** The file the problem is in, repo-relative (turbo.json files) or absolute. */
  readonly file?: string;
  /** Dotted key path inside a turbo.json, e.g. `tasks.build.outputs`. */
  readonly keyPath?: string;
  /** 1-based line and column of the offending text. */
  readonly line?: number;
  readonly column?: number;
}

/** The single error class of @turbine/workspace; switch on `code`, never on the message. */
export class WorkspaceError extends TurbineError<WorkspaceErrorCode> {
  override readonly name = "WorkspaceError";
  readonly file: string | undefined;
  readonly keyPath: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: WorkspaceErrorCode, message: string, options: WorkspaceErrorOptions = {}) {
    super(code, message, options);
    this.file = options.file;
    this.keyPath = options.keyPath;
    this.line = options.line;
    this.column = options.column;
  }

  override where(): string | undefined {
    if (this.file === undefined) return undefined;
    if (this.line === undefined) return this.file;
    const column = this.column === undefined ? "" : `:${String(this.column)}`;
    return `${this.file}:${String(this.line)}${column}`;
  }
}
