import type { ContinueMode, OutputLogsMode, RunEvent, TaskCacheStatus } from "@turbine/runner";

import { missLines } from "./miss-lines.js";

export interface LogRendererOptions {
  /** `stream` writes lines as they come; `grouped` writes each task's lines when it ends. */
  readonly logOrder: "stream" | "grouped";
  /** `task` prefixes lines with `pkg:task: `; `none` prints them bare. */
  readonly logPrefix: "task" | "none";
  readonly continueMode: ContinueMode;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** `--explain`: print each miss's reasons after its status line, whatever `outputLogs` hides. */
  readonly explain?: boolean;
  /** Called after every write to stdout, so a live status line can be redrawn (TTY only). */
  readonly afterWrite?: () => void;
}

interface TaskState {
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
 * output honouring `outputLogs`, grouped or streamed, and the ERROR lines of failed tasks.
 */
export class LogRenderer {
  readonly #options: LogRendererOptions;
  readonly #tasks = new Map<string, TaskState>();
  readonly warnings: string[] = [];
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
      prefix,
      mode: event.outputLogs,
      status: event.status,
      pending: [],
      holdUntilFailure: event.outputLogs === "errors-only",
      explained: [],
    };
    this.#tasks.set(event.taskId, state);
    const line = statusLine(event.status, event.hash, event.outputLogs);
    if (line !== undefined) this.#emit(state, `${prefix}${line}`);
    if (this.#options.explain !== true || event.explanation === undefined) return;
    for (const why of missLines(event.explanation)) {
      const text = `${prefix}${why}`;
      if (!state.holdUntilFailure) this.#emit(state, text);
      else if (this.#options.logOrder === "stream") this.#write(text);
      else {
        state.pending.push(text);
        state.explained.push(text);
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
    if (shown) this.#emit(state, `${state.prefix}${line}`);
  }

  #end(event: RunEvent & { type: "task-end" }): void {
    const state = this.#tasks.get(event.taskId);
    const failed = event.result.status === "failure" && event.result.reason !== "cancelled";
    if (state !== undefined && state.pending.length > 0 && (!state.holdUntilFailure || failed)) {
      for (const line of state.pending) this.#write(line);
    } else if (state !== undefined) {
      for (const line of state.explained) this.#write(line);
    }
    if (state !== undefined) state.pending.length = 0;
    if (event.result.status !== "failure" || event.result.reason === "cancelled") return;
    if (this.#options.continueMode !== "never") {
      this.#options.err(
        `${event.taskId}:  WARNING  command finished with error, but continuing...`,
      );
    }
    if (event.result.message !== undefined) {
      this.#options.err(`${event.taskId}:  ERROR  ${event.result.message}`);
    }
  }

  #emit(state: TaskState, line: string): void {
    if (state.holdUntilFailure || this.#options.logOrder === "grouped") state.pending.push(line);
    else this.#write(line);
  }

  #write(line: string): void {
    this.#options.out(line);
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
