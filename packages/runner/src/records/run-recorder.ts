import type { TaskRecord, TaskRecordOutcome } from "@turbine/hasher";

import type { GitInfo } from "../git-info.js";
import type { RunPlan } from "../plan-run.js";
import type { TaskResult } from "../task-result.js";
import { type TaskRecordIndexEntry, TaskRecordStore } from "./record-store.js";
import { taskHashState, taskRecord } from "./task-states.js";

/** `TURBINE_TASK_RECORDS=0` (or `false`) turns the record store off: nothing read or written. */
export function taskRecordsEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.TURBINE_TASK_RECORDS;
  return value !== "0" && value !== "false";
}

/** What a finished task tells the recorder beyond its result. */
export interface FinishedTask {
  /** A cache hit's recorded duration (the original execution's). */
  readonly restoredDurationMs?: number;
  /** The run saved the task's outputs to a cache. */
  readonly saved: boolean;
  readonly endTime: number;
}

/**
 * Keeps a real run's task records: told about every finished task, it writes at the end the
 * records that changed. Executed and failed tasks are always written (their duration is new);
 * restored and no-op tasks only when their hash differs from the index, so a fully cached run
 * reads one index file and writes nothing.
 */
export class RunRecorder {
  readonly store: TaskRecordStore;
  readonly #plan: RunPlan;
  readonly #git: GitInfo | undefined;
  readonly #index: Promise<Map<string, TaskRecordIndexEntry>>;
  readonly #finished = new Map<string, { outcome: TaskRecordOutcome; endTime: number }>();

  /** Starts reading the index at once, so the end of the run does not wait for it. */
  constructor(
    plan: RunPlan,
    git: GitInfo | undefined,
    store = TaskRecordStore.forRepo(plan.repoRoot),
  ) {
    this.#plan = plan;
    this.#git = git;
    this.store = store;
    this.#index = store.index();
  }

  finished(taskId: string, result: TaskResult, facts: FinishedTask): void {
    const outcome = outcomeOf(result, facts);
    if (outcome !== undefined) this.#finished.set(taskId, { outcome, endTime: facts.endTime });
  }

  /** Writes the records that changed; a failure comes back as its message (records are best effort). */
  async flush(): Promise<string | undefined> {
    const index = await this.#index;
    const records: TaskRecord[] = [];
    for (const [taskId, { outcome, endTime }] of this.#finished) {
      const rerun = outcome.status === "executed" || outcome.status === "failed";
      const hash = this.#plan.hashes.tasks.get(taskId)?.hash;
      if (!rerun && index.get(taskId)?.hash === hash) continue;
      const state = taskHashState(this.#plan, taskId);
      if (state !== undefined) records.push(taskRecord(state, outcome, endTime, this.#git));
    }
    try {
      await this.store.write(records);
      return undefined;
    } catch (error) {
      return `could not save task records in ${this.store.dir}: ${(error as Error).message}`;
    }
  }
}

function outcomeOf(result: TaskResult, facts: FinishedTask): TaskRecordOutcome | undefined {
  switch (result.status) {
    case "skipped":
      return undefined;
    case "failure":
      // A task stopped by the run says nothing about its inputs.
      if (result.reason === "cancelled") return undefined;
      return {
        status: "failed",
        exitCode: result.reason === "spawn-error" ? null : result.exitCode,
        durationMs: result.durationMs,
        cached: false,
      };
    case "success":
      switch (result.reason) {
        case "executed":
          return {
            status: "executed",
            exitCode: 0,
            durationMs: result.durationMs,
            cached: facts.saved,
          };
        case "cached":
          return {
            status: "restored",
            exitCode: 0,
            durationMs: facts.restoredDurationMs ?? 0,
            cached: true,
          };
        case "no-script":
          return { status: "no-script", exitCode: null, durationMs: 0, cached: false };
      }
  }
}
