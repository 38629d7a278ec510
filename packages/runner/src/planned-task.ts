import type { OutputLogsMode } from "@turbine/workspace";

import type { OutputGlobs } from "./outputs.js";

/** turbo's `outputLogs` / `--output-logs` modes. */
export type { OutputLogsMode };

/** Everything needed to run one task of the graph; built by the run planner, read by the executor. */
export interface PlannedTask {
  /** `pkg#task`, or the bare task name in single-package mode. */
  readonly id: string;
  /** Package name; `//` for the root package. */
  readonly package: string;
  readonly task: string;
  /** Repo-relative package directory; "" for the root package. */
  readonly dir: string;
  readonly hash: string;
  /** The package.json script body; undefined when the package has no such script (a no-op task). */
  readonly script: string | undefined;
  /** Ids of the tasks this one waits for (direct dependencies in the task graph). */
  readonly dependencies: readonly string[];
  readonly outputs: OutputGlobs;
  /** turbo.json `cache` (false: never read nor write, "cache bypass"). */
  readonly cache: boolean;
  readonly outputLogs: OutputLogsMode;
  /** The process environment (strict or loose); TURBO_HASH is added by the executor. */
  readonly env: Readonly<Record<string, string>>;
  /** Pass-through args after `--`; only the requested tasks get them. */
  readonly args: readonly string[];
}
