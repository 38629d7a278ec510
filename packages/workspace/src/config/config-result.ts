/** Stable error codes for turbo.json loading and task-graph construction. */
export type ConfigErrorCode =
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

export interface ConfigErrorOptions {
  /** What the user can do about it. */
  readonly hint?: string;
  /** Repo-relative path of the turbo.json the problem is in. */
  readonly file?: string;
  /** Dotted key path inside the file, e.g. `tasks.build.outputs`. */
  readonly keyPath?: string;
  /** 1-based line and column of the offending text. */
  readonly line?: number;
  readonly column?: number;
  readonly cause?: unknown;
}

/** The error class for turbo.json and the task graph; switch on `code`, never on the message. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code: ConfigErrorCode;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly keyPath: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: ConfigErrorCode, message: string, options: ConfigErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.file = options.file;
    this.keyPath = options.keyPath;
    this.line = options.line;
    this.column = options.column;
  }
}

/** An expected outcome: a value or the ConfigError that explains why there is none. */
export type ConfigResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ConfigError };

export function ok<T>(value: T): ConfigResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: ConfigError): ConfigResult<T> {
  return { ok: false, error };
}

export function isConfigError(value: unknown): value is ConfigError {
  return value instanceof ConfigError;
}
