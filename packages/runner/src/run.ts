import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { Cache } from "@turbine/cache";

import type { RunEvent } from "./events.js";
import { executeTask, type TaskCache, type TaskFacts } from "./execute-task.js";
import { type GitInfo, gitInfo } from "./git-info.js";
import { openCache } from "./open-cache.js";
import { planRun, type RunPlan } from "./plan-run.js";
import { MISS, recordTasks, type TaskRunFacts } from "./record-tasks.js";
import { findRepoRoot } from "./repo-root.js";
import type { RunOptions } from "./run-options.js";
import { schedule } from "./scheduler/schedule.js";
import { ksuid } from "./summary/ksuid.js";
import { type RunExecutionSummary, runRecord } from "./summary/run-record.js";
import { runExitCode, type TaskResult } from "./task-result.js";
import { SUMMARY_TURBO_VERSION } from "./version.js";

/** Counts for the closing block (`Tasks:`, `Cached:`, `Failed:`). */
export interface RunStats {
  /** Tasks that started and have a script (turbo's "total"). */
  readonly attempted: number;
  /** Succeeded, executed or from the cache. */
  readonly successful: number;
  readonly cached: number;
  /** Ids of tasks that failed (not those stopped by the run), in the order they failed. */
  readonly failed: readonly string[];
}

export interface RunOutcome {
  readonly exitCode: number;
  readonly results: ReadonlyMap<string, TaskResult>;
  readonly stats: RunStats;
  readonly durationMs: number;
  /** Absolute path of the `--summarize` file. */
  readonly summaryPath: string | undefined;
}

/**
 * `turbine run`: plans the run, then executes the task graph with caching, emitting events as it
 * goes. Task failures are results (see `exitCode`); configuration problems throw.
 */
export async function run(options: RunOptions): Promise<RunOutcome> {
  const startTime = Date.now();
  const emit = (event: RunEvent): void => options.onEvent?.(event);
  // git runs while the plan is built; gitInfo never rejects.
  const gitPending = gitInfo(findRepoRoot(options.cwd));
  const plan = await planRun(options);
  const env = options.env ?? process.env;
  const git = await gitPending;
  const opened = await openCache({
    repoRoot: plan.repoRoot,
    cacheDir: plan.settings.cacheDir,
    cacheWorkers: options.cacheWorkers,
    turboJson: plan.config.root,
    cacheFlags: options.cacheFlags,
    remoteFlags: options.remoteFlags,
    env,
    gitSha: git?.sha ?? null,
    warn: (message, hash) => {
      const taskId = hash === undefined ? undefined : taskOfHash(plan, hash);
      emit(
        taskId === undefined
          ? { type: "warning", message }
          : { type: "warning", taskId, message: `${taskId}: ${message}` },
      );
    },
    checkStatus: true,
    signal: options.signal,
  });
  emit({
    type: "run-start",
    packagesInScope: plan.packagesInScope,
    taskNames: options.tasks,
    singlePackage: plan.workspace.singlePackage,
    remoteCache: opened.banner,
  });
  const facts = new Map<string, TaskRunFacts>();
  const { config } = opened;
  const taskCache: TaskCache = {
    fetch: (hash, options) => opened.cache.fetch(hash, options),
    put: (hash, input) => opened.cache.put(hash, input),
  };
  const ctx = {
    repoRoot: plan.repoRoot,
    packageManager: plan.workspace.packageManager.command,
    invocationDir: options.cwd,
    cache: taskCache,
    cacheRead: config.local.read || config.remote.read,
    cacheWrite: config.local.write || config.remote.write,
    emit,
    ...(options.outputDrained === undefined ? {} : { outputDrained: options.outputDrained }),
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
  };
  // Every task's remote artifact starts downloading now, in the order the tasks will run (as turbo
  // does): a dependent's download does not wait for its dependencies to finish.
  if (config.local.read || config.remote.read) {
    opened.cache.prefetch(
      plan.graph.order.flatMap((id) => {
        const task = plan.tasks.get(id);
        return task?.script !== undefined && task.cache ? [task.hash] : [];
      }),
    );
  }
  let results: Map<string, TaskResult>;
  try {
    results = await schedule({
      tasks: plan.graph.order.map((id) => ({
        id,
        dependencies: plan.graph.nodes.get(id)?.dependencies ?? [],
      })),
      concurrency: plan.settings.concurrency,
      continueMode: options.continueMode ?? "never",
      parallel: options.parallel === true,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      execute: async (id, signal) => {
        const task = plan.tasks.get(id);
        if (task === undefined) return { status: "success", reason: "no-script", durationMs: 0 };
        const startTime = Date.now();
        let observed: TaskFacts | undefined;
        const onFacts = (found: TaskFacts): void => {
          observed = found;
        };
        const result = await executeTask(task, { ...ctx, onFacts }, signal);
        if (task.script !== undefined && result.status !== "skipped") {
          facts.set(id, {
            cache: observed?.cache ?? MISS,
            expandedOutputs: observed?.expandedOutputs ?? [],
            execution: {
              startTime,
              endTime: Date.now(),
              ...(result.status === "failure" && result.message !== undefined
                ? { error: result.message }
                : {}),
              exitCode: result.status === "failure" ? result.exitCode : 0,
            },
          });
        }
        return result;
      },
    });
  } finally {
    await opened.close();
  }
  const endTime = Date.now();
  const stats = runStats(results);
  let exitCode = runExitCode(results.values());
  if (options.signal?.aborted === true && exitCode === 0) exitCode = 1;
  const summarize = plan.settings.summarize;
  const summaryPath = summarize
    ? await writeSummary(
        plan,
        opened.cache,
        facts,
        {
          command: options.commandLine ?? `turbine run ${options.tasks.join(" ")}`,
          repoPath: "",
          success: [...results.values()].filter(
            (r) => r.status === "success" && r.reason === "executed",
          ).length,
          failed: stats.failed.length,
          cached: stats.cached,
          attempted: stats.attempted,
          startTime,
          endTime,
          exitCode,
        },
        git,
      )
    : undefined;
  return { exitCode, results, stats, durationMs: endTime - startTime, summaryPath };
}

/** The task whose cache entry `hash` is (the first, should two share one). */
function taskOfHash(plan: RunPlan, hash: string): string | undefined {
  for (const task of plan.tasks.values()) if (task.hash === hash) return task.id;
  return undefined;
}

function runStats(results: ReadonlyMap<string, TaskResult>): RunStats {
  let attempted = 0;
  let successful = 0;
  let cached = 0;
  const failed: string[] = [];
  for (const [id, result] of results) {
    if (
      result.status === "skipped" ||
      (result.status === "success" && result.reason === "no-script")
    )
      continue;
    attempted++;
    if (result.status === "success") {
      successful++;
      if (result.reason === "cached") cached++;
    } else if (result.reason !== "cancelled") {
      failed.push(id);
    }
  }
  return { attempted, successful, cached, failed };
}

async function writeSummary(
  plan: RunPlan,
  cache: Cache,
  facts: ReadonlyMap<string, TaskRunFacts>,
  execution: RunExecutionSummary,
  git: GitInfo | undefined,
): Promise<string> {
  const id = ksuid(execution.startTime);
  const record = runRecord({
    id,
    turboVersion: SUMMARY_TURBO_VERSION,
    singlePackage: plan.workspace.singlePackage,
    globalCacheInputs: plan.hashes.globalInputs,
    execution,
    packages: plan.packagesInScope,
    envMode: plan.settings.envMode,
    frameworkInference: plan.settings.frameworkInference,
    tasks: await recordTasks(plan, cache, facts),
    scm: git === undefined ? null : { type: "git", ...git },
  });
  const dir = join(plan.repoRoot, ".turbo", "runs");
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${id}.json`);
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}
