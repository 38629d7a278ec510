import type { ContinueMode, OutputLogsMode, RunEvent, TaskCacheStatus } from "@turbine/runner";

import { missLines } from "./miss-lines.js";
import type { RunLog } from "./run-log.js";

export interface LogRendererOptions {
  /** `stream` writes lines as they come; `grouped` writes each task's lines when it ends. */
  readonly logOrder: "stream" | "grouped";
  /** `task` prefixes lines with `pkg:task: `; `none` prints them bare. */
  readonly logPrefix: "task" | "none";
  readonly continueMode: ContinueMode;
  readonly log: RunLog;
  /** `--explain`: print each miss's reasons after its status line, whatever `outputLogs` hides. */
  readonly explain?: boolean;
  /** Called after every task line, so a live status line can be redrawn (TTY only). */
  readonly afterWrite?: () => void;
}

interface TaskState {
  readonly taskId: string;
  readonly prefix: string;
  readonly mode: OutputLogsMode;
  readonly status: TaskCacheStatus;
  readonly pending: string[];
  /** errors-only holds everything back until the task is known to have failed. */
  readonly holdUntilFailure: boolean;
  /** Held `--explain` lines, printed at the end even when the rest is not. */
  readonly explained: string[];
}

/**
 * Turns runner events into turbo's task log lines (spec 4.3): the cache status line, prefixed
 * output honouring `outputLogs`, grouped or streamed, and `--continue`'s note when a task fails.
 * Failed tasks' errors and the run's warnings are kept for the end of the run, where turbo
 * prints them (`flushErrors`, `warnings`).
 */
export class LogRenderer {
  readonly #options: LogRendererOptions;
  readonly #tasks = new Map<string, TaskState>();
  readonly warnings: string[] = [];
  readonly #errors: { readonly taskId: string; readonly text: string }[] = [];
  #singlePackage = false;

  constructor(options: LogRendererOptions) {
    this.#options = options;
  }

  handle(event: RunEvent): void {
    switch (event.type) {
      case "task-status":
        this.#start(event);
        return;
      case "task-output":
        this.#output(event.taskId, event.line, event.replayed);
        return;
      case "task-end":
        this.#end(event);
        return;
      case "warning":
        this.warnings.push(event.message);
        return;
      case "run-start":
        this.#singlePackage = event.singlePackage;
        return;
    }
  }

  #start(event: RunEvent & { type: "task-status" }): void {
    const name = this.#singlePackage ? event.task : `${event.package}:${event.task}`;
    const prefix = this.#options.logPrefix === "none" ? "" : `${name}: `;
    const state: TaskState = {
      taskId: event.taskId,
      prefix,
      mode: event.outputLogs,
      status: event.status,
      pending: [],
      holdUntilFailure: event.outputLogs === "errors-only",
      explained: [],
    };
    this.#tasks.set(event.taskId, state);
    const line = statusLine(event.status, event.hash, event.outputLogs);
    if (line !== undefined) this.#emit(state, line);
    if (this.#options.explain !== true || event.explanation === undefined) return;
    for (const why of missLines(event.explanation)) {
      if (!state.holdUntilFailure) this.#emit(state, why);
      else if (this.#options.logOrder === "stream") this.#write(state, why);
      else {
        state.pending.push(why);
        state.explained.push(why);
      }
    }
  }

  #output(taskId: string, line: string, replayed: boolean): void {
    const state = this.#tasks.get(taskId);
    if (state === undefined) return;
    const shown =
      state.mode === "full" ||
      state.mode === "errors-only" ||
      (state.mode === "new-only" && !replayed);
    if (shown) this.#emit(state, line);
  }

  #end(event: RunEvent & { type: "task-end" }): void {
    const state = this.#tasks.get(event.taskId);
    const failed = event.result.status === "failure" && event.result.reason !== "cancelled";
    if (state !== undefined && state.pending.length > 0 && (!state.holdUntilFailure || failed)) {
      for (const line of state.pending) this.#write(state, line);
    } else if (state !== undefined) {
      for (const line of state.explained) this.#write(state, line);
    }
    if (state !== undefined) state.pending.length = 0;
    if (event.result.status !== "failure" || event.result.reason === "cancelled") return;
    if (this.#options.continueMode !== "never") {
      this.#options.log.taskWarning(event.taskId, "command finished with error, but continuing...");
    }
    if (event.result.message !== undefined) {
      this.#errors.push({ taskId: event.taskId, text: event.result.message });
    }
  }

  /** Prints the failed tasks' errors, in the order they failed (turbo does so before the footer). */
  flushErrors(): void {
    for (const { taskId, text } of this.#errors.splice(0))
      this.#options.log.taskError(taskId, text);
  }

  #emit(state: TaskState, line: string): void {
    if (state.holdUntilFailure || this.#options.logOrder === "grouped") state.pending.push(line);
    else this.#write(state, line);
  }

  #write(state: TaskState, line: string): void {
    this.#options.log.task(state.taskId, state.prefix, line);
    this.#options.afterWrite?.();
  }
}

/** The status line after the prefix, or undefined when the mode prints none. */
export function statusLine(
  status: TaskCacheStatus,
  hash: string,
  mode: OutputLogsMode,
): string | undefined {
  if (mode === "none") return undefined;
  switch (status.kind) {
    case "hit":
      if (mode === "errors-only") return undefined;
      return mode === "full"
        ? `cache hit, replaying logs ${hash}`
        : `cache hit, suppressing logs ${hash}`;
    case "miss":
      return `cache miss, executing ${hash}`;
    case "bypass":
      return `cache bypass, force executing ${hash}`;
  }
}
