/** Stable error codes raised by @turbine/runner. Each one is documented in the README. */
export type RunnerErrorCode =
  | "ERR_RUNNER_INVALID_CONCURRENCY"
  | "ERR_RUNNER_INVALID_CONTINUE"
  | "ERR_RUNNER_INVALID_FILTER"
  | "ERR_RUNNER_NO_PACKAGE_MATCH"
  | "ERR_RUNNER_GIT"
  | "ERR_RUNNER_GRAPH_CYCLE"
  | "ERR_RUNNER_INVALID_OPTION"
  | "ERR_RUNNER_OUTPUT_OUTSIDE_REPO"
  | "ERR_RUNNER_PACKAGE_MANAGER_NOT_FOUND"
  | "ERR_RUNNER_INVALID_TASK_ID";

export interface RunnerErrorOptions {
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * The one error class of @turbine/runner. Thrown only for bad input the caller must fix (an
 * invalid `--filter`, an unknown task); task failures are values, never exceptions.
 */
export class RunnerError extends Error {
  override readonly name = "RunnerError";
  readonly code: RunnerErrorCode;
  readonly hint: string | undefined;

  constructor(code: RunnerErrorCode, message: string, options: RunnerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** Exhaustiveness guard for `switch` statements over discriminated unions. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
