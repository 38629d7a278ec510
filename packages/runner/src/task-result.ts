/**
 * The outcome of one task, as a value. Failures carry the exit code the run's exit code is
 * derived from; skipped tasks never started.
 */
export type TaskResult =
  | {
      readonly status: "success";
      /** `no-script`: the package has no such script; turbo keeps it in the graph as a no-op. */
      readonly reason: "executed" | "cached" | "no-script";
      readonly durationMs: number;
    }
  | {
      readonly status: "failure";
      readonly reason: "exit-non-zero" | "spawn-error" | "cancelled";
      readonly exitCode: number;
      readonly durationMs: number;
      /** What went wrong: the spawn error, or turbo's `command (<dir>) … exited (<code>)`. */
      readonly message?: string;
    }
  /** Stopped by the run's graceful shutdown (Ctrl-C): neither a success nor a failure. */
  | {
      readonly status: "interrupted";
      /** Still running when the grace period ended (or at a second Ctrl-C), so SIGKILLed. */
      readonly forced: boolean;
      readonly durationMs: number;
    }
  | {
      readonly status: "skipped";
      /** A dependency failed, or the run stopped before the task could start. */
      readonly reason: "dependency-failed" | "run-stopped";
    };

/**
 * turbo's rule: the highest task exit code; a spawn error or cancellation counts as 1. Tasks
 * stopped by Ctrl-C do not count: an interrupted run exits 0 unless a task had failed.
 */
export function runExitCode(results: Iterable<TaskResult>): number {
  let code = 0;
  for (const result of results) {
    if (result.status === "failure") code = Math.max(code, result.exitCode);
  }
  return code;
}
