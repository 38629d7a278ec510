import { describeError } from "@turbine/errors";
import { type GraphNode, topologicalOrder } from "@turbine/workspace";

import { RunnerError } from "../errors.js";
import type { TaskResult } from "../task-result.js";
import { ReadyQueue } from "./ready-queue.js";
import type { ContinueMode } from "./run-options-parse.js";

/** The scheduler's view of a task: an id and the ids it waits for. */
export interface SchedulableTask {
  readonly id: string;
  readonly dependencies: readonly string[];
}

export interface ScheduleOptions {
  /** Every task of the run; dependencies outside this list are ignored. */
  readonly tasks: readonly SchedulableTask[];
  /** Most tasks running at once (>= 1). Ignored with `parallel`. */
  readonly concurrency: number;
  readonly continueMode: ContinueMode;
  /** turbo's deprecated `--parallel`: ignore dependencies and the concurrency limit. */
  readonly parallel?: boolean;
  /** Aborting stops the run: running tasks see `signal` abort, pending ones are skipped. */
  readonly signal?: AbortSignal;
  /**
   * Aborting stops starting tasks (the rest are skipped as `run-stopped`) while running ones end
   * on their own terms: a graceful shutdown, which interrupts them its own way.
   */
  readonly drain?: AbortSignal;
  /**
   * Runs one task. `signal` aborts when the run stops (a failure in `never` mode, or the
   * caller's signal); the task must then end its processes and resolve as `cancelled`.
   */
  readonly execute: (id: string, signal: AbortSignal) => Promise<TaskResult>;
  /** Told about tasks that end without running (dependency failed, run stopped). */
  readonly onSkipped?: (id: string, result: TaskResult & { status: "skipped" }) => void;
  /**
   * When more tasks are ready than slots are free, the one with the highest priority starts
   * first (see `criticalPathLengths`); ties, and every task without this option, start in the
   * order they became ready.
   */
  readonly priority?: (id: string) => number;
}

/**
 * Runs a task DAG: a task starts once all its dependencies are done, at most `concurrency` at a
 * time, the ready task of highest `priority` first. Resolves with every task's result, in completion order; never rejects for a
 * task failure. Throws `ERR_RUNNER_GRAPH_CYCLE` before starting anything if the graph has a cycle.
 */
export async function schedule(options: ScheduleOptions): Promise<Map<string, TaskResult>> {
  const { tasks, continueMode } = options;
  const parallel = options.parallel === true;
  const known = new Set(tasks.map((t) => t.id));
  const graph = tasks.map((task) => ({
    id: task.id,
    dependencies: parallel ? [] : task.dependencies.filter((d) => known.has(d) && d !== task.id),
  }));
  assertAcyclic(graph);
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const { id, dependencies } of graph) {
    waitingOn.set(id, dependencies.length);
    for (const dep of dependencies) {
      const list = dependents.get(dep);
      if (list === undefined) dependents.set(dep, [id]);
      else list.push(id);
    }
  }

  const stop = new AbortController();
  const onAbort = (): void => {
    stop.abort();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted === true) stop.abort();

  const slots = new ReadyQueue(
    parallel ? Number.POSITIVE_INFINITY : options.concurrency,
    options.priority ?? (() => 0),
  );
  const results = new Map<string, TaskResult>();
  const blocked = new Set<string>();
  let resolve: (value: undefined) => void = () => undefined;
  const allDone = new Promise<undefined>((done) => {
    resolve = done;
  });

  const finish = (id: string, result: TaskResult): void => {
    results.set(id, result);
    if (result.status === "skipped") options.onSkipped?.(id, result);
    if (result.status === "failure" && continueMode === "never") stop.abort();
    const failed = result.status !== "success";
    for (const next of dependents.get(id) ?? []) {
      if (failed && continueMode !== "always") blocked.add(next);
      const left = (waitingOn.get(next) ?? 1) - 1;
      waitingOn.set(next, left);
      if (left === 0) start(next);
    }
    if (results.size === tasks.length) resolve(undefined);
  };

  const start = (id: string): void => {
    if (blocked.has(id)) {
      finish(id, { status: "skipped", reason: "dependency-failed" });
      return;
    }
    void slots
      .run(id, async () => {
        if (stop.signal.aborted || options.drain?.aborted === true) {
          return { status: "skipped", reason: "run-stopped" } as const;
        }
        return options.execute(id, stop.signal);
      })
      .then(
        (result) => {
          finish(id, result);
        },
        (error: unknown) => {
          finish(id, {
            status: "failure",
            reason: "spawn-error",
            exitCode: 1,
            durationMs: 0,
            message: describeError(error),
          });
        },
      );
  };

  if (tasks.length === 0) resolve(undefined);
  for (const task of tasks) if (waitingOn.get(task.id) === 0) start(task.id);
  try {
    await allDone;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  return results;
}

/** Throws `ERR_RUNNER_GRAPH_CYCLE` naming the tasks on a cycle or waiting on one. */
function assertAcyclic(graph: readonly GraphNode[]): void {
  const { blocked } = topologicalOrder(graph);
  if (blocked.length === 0) return;
  throw new RunnerError(
    "ERR_RUNNER_GRAPH_CYCLE",
    `the task graph has a cycle through ${blocked.join(", ")}`,
    { hint: "Remove one of the dependsOn edges between these tasks in turbo.json." },
  );
}
