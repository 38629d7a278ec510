import type { EvictionReport } from "@turbine/cache";

import type { OutputLogsMode } from "./planned-task.js";
import type { MissExplanation } from "./records/miss-explainer.js";
import type { TaskResult } from "./task-result.js";

/** How a task's cache lookup went; decides the status line (`cache hit, replaying logs <hash>`). */
export type TaskCacheStatus =
  | { readonly kind: "hit"; readonly source: "LOCAL" | "REMOTE"; readonly timeSavedMs: number }
  | { readonly kind: "miss" }
  /** `--force`, cache reads off, or `cache: false`. */
  | { readonly kind: "bypass" };

/**
 * Everything a run reports, in order. The CLI renders these as turbo's log lines; other callers
 * can collect them. Lines never contain a trailing newline.
 */
export type RunEvent =
  | {
      readonly type: "run-start";
      readonly packagesInScope: readonly string[];
      readonly taskNames: readonly string[];
      readonly singlePackage: boolean;
      readonly remoteCache: RemoteCacheState;
    }
  | {
      readonly type: "task-status";
      readonly taskId: string;
      readonly package: string;
      readonly task: string;
      readonly hash: string;
      readonly status: TaskCacheStatus;
      readonly outputLogs: OutputLogsMode;
      /** Why a miss or bypass happened; only when the run explains misses (`explain`, `summarize`). */
      readonly explanation?: MissExplanation;
    }
  /** One line of task output, live or replayed from a restored log. */
  | {
      readonly type: "task-output";
      readonly taskId: string;
      readonly line: string;
      readonly replayed: boolean;
    }
  | {
      readonly type: "task-end";
      readonly taskId: string;
      /** A failure's `message` is the `command (<dir>) <pm> run <script> exited (<code>)` text. */
      readonly result: TaskResult;
    }
  | { readonly type: "warning"; readonly message: string; readonly taskId?: string }
  /** Ctrl-C or SIGTERM: no task starts any more, running ones got SIGINT. */
  | { readonly type: "shutdown-start" }
  /** Still waiting for `running` tasks to exit (every 2 s). */
  | { readonly type: "shutdown-waiting"; readonly running: number }
  /** Tasks SIGKILLed: the grace period ran out (`timeout`) or a second Ctrl-C came (`signal`). */
  | {
      readonly type: "shutdown-forced";
      readonly reason: "timeout" | "signal";
      readonly taskIds: readonly string[];
    }
  /** Detail shown only when asked for (`-v`), e.g. why a task ran through the package manager. */
  | { readonly type: "notice"; readonly message: string }
  /** What local cache eviction did, once the run's tasks are over (or a dry run's lookups). */
  | { readonly type: "cache-eviction"; readonly report: EvictionReport };

/** The remote-cache banner line (`Remote caching disabled`, …), decided by @turbine/cache. */
export interface RemoteCacheState {
  readonly text: string;
  /** turbo prints the "unavailable" banners as warnings. */
  readonly level: "info" | "warn";
}

export type RunEventListener = (event: RunEvent) => void;
