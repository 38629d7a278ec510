import { TurbineError } from "@turbine/errors";

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

/**
 * The one error class of @turbine/runner. Thrown only for bad input the caller must fix (an
 * invalid `--filter`, an unknown task); task failures are values, never exceptions.
 */
export class RunnerError extends TurbineError<RunnerErrorCode> {
  override readonly name = "RunnerError";
}
