import type { TaskRecord, TaskRecordOutcome } from "@turbine/hasher";
import pLimit from "p-limit";

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

/** Record files written at once while the run goes on: few, to leave the thread pool to it. */
const RUN_WRITE_CONCURRENCY = 2;
const END_WRITE_CONCURRENCY = 16;

/**
 * Keeps a real run's task records. Executed and failed tasks are always written (their duration
 * is new); restored and no-op tasks only when their hash differs from the index, so a fully
 * cached run reads one index file and writes nothing. Records are written as tasks finish (file
 * creation is the costly part, and it then overlaps the run), or all at the end when `deferred`:
 * a run that explains misses reads the old records of dependencies until its last task starts.
 */
export class RunRecorder {
  readonly store: TaskRecordStore;
  readonly #plan: RunPlan;
  readonly #git: GitInfo | undefined;
  readonly #deferred: boolean;
  readonly #index: Promise<Map<string, TaskRecordIndexEntry>>;
  /** The index once read: the common case (nothing to write) then costs one lookup a task. */
  #loaded: Map<string, TaskRecordIndexEntry> | undefined;
  readonly #limit = pLimit(RUN_WRITE_CONCURRENCY);
  readonly #waiting: (() => Promise<void>)[] = [];
  readonly #puts: Promise<void>[] = [];
  readonly #written: TaskRecord[] = [];
  #problem: string | undefined;

  /** Starts reading the index at once, so finished tasks do not wait for it. */
  constructor(
    plan: RunPlan,
    git: GitInfo | undefined,
    options: { readonly deferred?: boolean; readonly store?: TaskRecordStore } = {},
  ) {
    this.#plan = plan;
    this.#git = git;
    this.#deferred = options.deferred === true;
    this.store = options.store ?? TaskRecordStore.forRepo(plan.repoRoot);
    this.#index = this.store.index().then((index) => (this.#loaded = index));
  }

  /** Each task's duration when it last ran, by task id whatever its hash was then. */
  async lastDurations(): Promise<ReadonlyMap<string, number>> {
    const index = await this.#index;
    return new Map([...index].map(([id, entry]) => [id, entry.durationMs]));
  }

  finished(taskId: string, result: TaskResult, facts: FinishedTask): void {
    const outcome = outcomeOf(result, facts);
    if (outcome === undefined) return;
    const rerun = outcome.status === "executed" || outcome.status === "failed";
    const hash = this.#plan.hashes.tasks.get(taskId)?.hash;
    if (!rerun && this.#loaded?.get(taskId)?.hash === hash) return;
    const put = async (): Promise<void> => {
      if (!rerun && (await this.#index).get(taskId)?.hash === hash) return;
      const state = taskHashState(this.#plan, taskId);
      if (state === undefined) return;
      const record = taskRecord(state, outcome, facts.endTime, this.#git);
      try {
        await this.store.put(record);
        this.#written.push(record);
      } catch (error) {
        this.#problem ??= this.#failure(error);
      }
    };
    if (this.#deferred) this.#waiting.push(put);
    else this.#puts.push(this.#limit(put));
  }

  /**
   * Writes what is left and then the index; a failure comes back as its message (records are
   * best effort and never fail a run).
   */
  async flush(): Promise<string | undefined> {
    // Nothing else runs now: the deferred records go out several at a time.
    const atEnd = pLimit(END_WRITE_CONCURRENCY);
    await Promise.all([...this.#puts, ...this.#waiting.map((put) => atEnd(put))]);
    try {
      await this.store.updateIndex(this.#written);
    } catch (error) {
      this.#problem ??= this.#failure(error);
    }
    return this.#problem;
  }

  #failure(error: unknown): string {
    return `could not save task records in ${this.store.dir}: ${(error as Error).message}`;
  }
}

function outcomeOf(result: TaskResult, facts: FinishedTask): TaskRecordOutcome | undefined {
  switch (result.status) {
    // Stopped by Ctrl-C, like a cancelled task, it says nothing about its inputs.
    case "skipped":
    case "interrupted":
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
