import type { PackageJson } from "@turbine/workspace";

import type { TaskInterrupt } from "../process/interrupt-process-group.js";
import type { TaskResult } from "../task-result.js";

/** turbo's way (`package-manager`) or Turbine's `direct` script execution. */
export type ExecutionMode = "package-manager" | "direct";

/** One task's script, as an execution strategy needs it. */
export interface ScriptTask {
  /** `pkg#task`. */
  readonly id: string;
  /** The script name (`build`). */
  readonly script: string;
  /** Absolute package directory: the cwd the package manager runs in. */
  readonly dir: string;
  /** Pass-through args after `--`. */
  readonly args: readonly string[];
  /** The complete environment turbo gives the package manager (TURBO_HASH included). */
  readonly env: Readonly<Record<string, string>>;
  /** Absolute path of the task's log file. */
  readonly logFile: string;
  /** Absolute repo root. */
  readonly root: string;
  /** The package's package.json. */
  readonly manifest: PackageJson;
  /** The repo's root package (turbo's `//`). */
  readonly isRoot: boolean;
}

export interface ScriptIo {
  /** Aborting stops the script at once (a failed run's other tasks); it ends `cancelled`. */
  readonly signal: AbortSignal;
  /** The run's graceful shutdown (Ctrl-C): the script ends `interrupted`. */
  readonly interrupt?: TaskInterrupt;
  readonly onLine: (line: string) => void;
  readonly killGraceMs?: number;
}

/**
 * How a task's script is started. The result's failure `message` is always turbo's
 * `command (<dir>) <pm> run <script> exited (<code>)`, whichever way the script ran.
 */
export interface TaskExecution {
  run(task: ScriptTask, io: ScriptIo): Promise<TaskResult>;
  /** Removes what the strategy set up for the run (temporary folders). */
  close(): Promise<void>;
}
