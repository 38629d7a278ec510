import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { Cache, EvictionReport } from "@turbine/cache";
import { type PackageJson, ROOT_PACKAGE_NAME } from "@turbine/workspace";

import type { RunEvent } from "./events.js";
import { executeTask, type TaskCache, type TaskFacts } from "./execute-task.js";
import { assertPackageManager, openExecution } from "./execution/open-execution.js";
import { type GitInfo, gitInfo } from "./git-info.js";
import { openCache, plannedCacheInput } from "./open-cache.js";
import { planRun, type RunPlan } from "./plan-run.js";
import type { PlannedTask } from "./planned-task.js";
import { MISS, recordTasks, type TaskRunFacts } from "./record-tasks.js";
import {
  forcedBy,
  missCause,
  MissExplainer,
  type MissExplanation,
} from "./records/miss-explainer.js";
import { RunRecorder, taskRecordsEnabled } from "./records/run-recorder.js";
import { findRepoRoot } from "./repo-root.js";
import type { RunOptions } from "./run-options.js";
import { cacheDurations } from "./scheduler/cache-durations.js";
import { criticalPathLengths } from "./scheduler/critical-path.js";
import { type SchedulableTask, schedule } from "./scheduler/schedule.js";
import { RunShutdown } from "./shutdown.js";
import { ksuid } from "./summary/ksuid.js";
import { type RunExecutionSummary, runRecord } from "./summary/run-record.js";
import { runExitCode, type TaskResult } from "./task-result.js";
import { SUMMARY_TURBO_VERSION } from "./version.js";

/** turbo's grace period between SIGINT and SIGKILL when a run is interrupted. */
const SHUTDOWN_GRACE_MS = 10_000;
/** How often turbo reports the tasks still shutting down. */
const SHUTDOWN_PROGRESS_MS = 2000;

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
  let eviction: EvictionReport | undefined;
  const opened = await openRunCache(plan, options, git, emit, (report) => {
    eviction = report;
  });
  for (const message of plan.warnings) emit({ type: "warning", message });
  emit({
    type: "run-start",
    packagesInScope: plan.packagesInScope,
    taskNames: options.tasks,
    singlePackage: plan.workspace.singlePackage,
    remoteCache: opened.banner,
  });
  const facts = new Map<string, TaskRunFacts>();
  const { config } = opened;
  const summarize = plan.settings.summarize;
  const explains = options.explain === true || summarize;
  const recorder = taskRecordsEnabled(env)
    ? new RunRecorder(plan, git, { deferred: explains })
    : undefined;
  const explaining = explains
    ? missExplaining(plan, git, recorder, opened.cache, forcedBy(options.cacheFlags?.force, env))
    : undefined;
  const taskCache: TaskCache = {
    fetch: (hash, options) => opened.cache.fetch(hash, options),
    put: (hash, input) => opened.cache.put(hash, input),
  };
  const manifestOf = (pkg: string): PackageJson =>
    (pkg === ROOT_PACKAGE_NAME ? plan.workspace.rootPackage : plan.workspace.packages.get(pkg))
      ?.packageJson ?? {};
  const base = { repoRoot: plan.repoRoot, invocationDir: options.cwd, manifestOf };
  const execution = await openExecution(plan, base, options, emit);
  const shutdown = new RunShutdown({
    signal: options.signal,
    forceSignal: options.forceSignal,
    graceMs: options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS,
    progressMs: SHUTDOWN_PROGRESS_MS,
    emit,
  });
  const ctx = {
    ...base,
    shutdown,
    execution,
    cache: taskCache,
    cacheRead: config.local.read || config.remote.read,
    cacheWrite: config.local.write || config.remote.write,
    emit,
    ...(options.outputDrained === undefined ? {} : { outputDrained: options.outputDrained }),
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    ...(explaining === undefined ? {} : { explain: explaining.explain }),
  };
  if (config.local.read || config.remote.read) prefetch(plan, opened.cache);
  const tasks: SchedulableTask[] = plan.graph.order.map((id) => ({
    id,
    dependencies: plan.graph.nodes.get(id)?.dependencies ?? [],
  }));
  const priority = slotsScarce(plan, options)
    ? criticalPathPriority(plan, tasks, recorder)
    : undefined;
  let results: Map<string, TaskResult>;
  let recordProblem: string | undefined;
  try {
    assertPackageManager(plan.workspace.packageManager.command, env.PATH);
    results = await schedule({
      tasks,
      ...(priority === undefined ? {} : { priority }),
      concurrency: plan.settings.concurrency,
      continueMode: options.continueMode ?? "never",
      parallel: options.parallel === true,
      ...(options.signal === undefined ? {} : { drain: options.signal }),
      execute: taskExecutor({ plan, ctx, recorder, facts, explanations: explaining?.explanations }),
    });
  } finally {
    shutdown.dispose();
    await execution.close();
    // Records are written while uploads finish; nothing is written on a fully cached run.
    // Eviction runs in close(), after the last task: nothing it removes can be this run's reads.
    [recordProblem] = await Promise.all([
      recorder?.flush(),
      opened.close(options.signal?.aborted !== true),
    ]);
  }
  if (recordProblem !== undefined) emit({ type: "warning", message: recordProblem });
  const endTime = Date.now();
  const stats = runStats(results);
  const exitCode = runExitCode(results.values());
  const summaryPath = summarize
    ? await writeSummary(
        plan,
        opened.cache,
        facts,
        executionSummary(options, results, stats, { startTime, endTime, exitCode }),
        git,
        eviction,
      )
    : undefined;
  return { exitCode, results, stats, durationMs: endTime - startTime, summaryPath };
}

/**
 * Opens the run's cache (see `openCache`): its warnings become `warning` events, naming the task
 * whose entry they concern, and local eviction's report a `cache-eviction` event.
 */
function openRunCache(
  plan: RunPlan,
  options: RunOptions,
  git: GitInfo | undefined,
  emit: (event: RunEvent) => void,
  onEviction: (report: EvictionReport) => void,
): ReturnType<typeof openCache> {
  return openCache({
    ...plannedCacheInput(plan, options),
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
    verbose: (options.verbosity ?? 0) > 0,
    signal: options.signal,
    onEviction: (report) => {
      onEviction(report);
      emit({ type: "cache-eviction", report });
    },
  });
}

/**
 * `--explain` / `--summarize`: why a task misses, against its last record or the commit its hash
 * was cached at; each explanation is kept for the summary.
 */
function missExplaining(
  plan: RunPlan,
  git: GitInfo | undefined,
  recorder: RunRecorder | undefined,
  cache: Cache,
  forced: boolean,
): {
  readonly explain: (
    task: PlannedTask,
    status: "miss" | "bypass",
  ) => Promise<MissExplanation | undefined>;
  readonly explanations: ReadonlyMap<string, MissExplanation>;
} {
  const explainer = new MissExplainer({
    plan,
    store: recorder?.store,
    git,
    exists: (hash) => cache.exists(hash),
  });
  const explanations = new Map<string, MissExplanation>();
  return {
    explain: async (task, status) => {
      const cause = missCause(task.cache, status, forced);
      const explanation = await explainer.explain(task.id, cause);
      if (explanation !== undefined) explanations.set(task.id, explanation);
      return explanation;
    },
    explanations,
  };
}

/**
 * Every task's remote artifact starts downloading now, in the order the tasks will run (as turbo
 * does): a dependent's download does not wait for its dependencies to finish.
 */
function prefetch(plan: RunPlan, cache: Cache): void {
  cache.prefetch(
    plan.graph.order.flatMap((id) => {
      const task = plan.tasks.get(id);
      return task?.script !== undefined && task.cache ? [task.hash] : [];
    }),
  );
}

interface TaskExecutorInput {
  readonly plan: RunPlan;
  readonly ctx: Omit<Parameters<typeof executeTask>[1], "onFacts">;
  readonly recorder: RunRecorder | undefined;
  /** Filled with each executed or cached task's facts, for the summary. */
  readonly facts: Map<string, TaskRunFacts>;
  /** When misses are explained: their explanations (the facts then carry one, or null). */
  readonly explanations: ReadonlyMap<string, MissExplanation> | undefined;
}

/** The scheduler's `execute`: runs a task, records it, and keeps its facts for the summary. */
function taskExecutor(
  input: TaskExecutorInput,
): (id: string, signal: AbortSignal) => Promise<TaskResult> {
  const { plan, ctx, recorder, facts, explanations } = input;
  return async (id, signal) => {
    const task = plan.tasks.get(id);
    if (task === undefined) return { status: "success", reason: "no-script", durationMs: 0 };
    const startTime = Date.now();
    let observed: TaskFacts | undefined;
    const onFacts = (found: TaskFacts): void => {
      observed = found;
    };
    const result = await executeTask(task, { ...ctx, onFacts }, signal);
    const executed = result.status === "success" && result.reason === "executed";
    recorder?.finished(id, result, {
      restoredDurationMs: observed?.cache.timeSaved,
      saved: executed && task.cache && ctx.cacheWrite,
      endTime: Date.now(),
    });
    if (task.script !== undefined && result.status !== "skipped") {
      facts.set(id, {
        cache: observed?.cache ?? MISS,
        expandedOutputs: observed?.expandedOutputs ?? [],
        ...(explanations === undefined ? {} : { missExplanation: explanations.get(id) ?? null }),
        execution: {
          startTime,
          endTime: Date.now(),
          ...(result.status === "failure" && result.message !== undefined
            ? { error: result.message }
            : {}),
          exitCode:
            result.status === "failure"
              ? result.exitCode
              : result.status === "interrupted"
                ? null
                : 0,
        },
      });
    }
    return result;
  };
}

/** The summary's `execution` block. */
function executionSummary(
  options: RunOptions,
  results: ReadonlyMap<string, TaskResult>,
  stats: RunStats,
  times: { readonly startTime: number; readonly endTime: number; readonly exitCode: number },
): RunExecutionSummary {
  return {
    command: options.commandLine ?? `turbine run ${options.tasks.join(" ")}`,
    repoPath: "",
    success: [...results.values()].filter((r) => r.status === "success" && r.reason === "executed")
      .length,
    failed: stats.failed.length,
    cached: stats.cached,
    attempted: stats.attempted,
    ...times,
  };
}

/** The task whose cache entry `hash` is (the first, should two share one). */
function taskOfHash(plan: RunPlan, hash: string): string | undefined {
  for (const task of plan.tasks.values()) if (task.hash === hash) return task.id;
  return undefined;
}

/**
 * Ranks by graph depth at once and by last durations once they are read: each task's last run
 * record (by task id, so a task whose inputs changed keeps its weight), else the cache's
 * `-meta.json` for its current hash. The reads are not awaited, so a fully cached run does not
 * wait for them, and a cold run ranks all but its first picks by duration.
 */
function criticalPathPriority(
  plan: RunPlan,
  tasks: readonly SchedulableTask[],
  recorder: RunRecorder | undefined,
): (id: string) => number {
  const weightless = (id: string): boolean => plan.tasks.get(id)?.script === undefined;
  let lengths = criticalPathLengths(tasks, undefined, weightless);
  void (recorder?.lastDurations() ?? Promise.resolve(undefined))
    .then((recorded) => cacheDurations(plan.settings.cacheDir, plan.tasks, recorded))
    .then((durations) => {
      lengths = criticalPathLengths(tasks, durations, weightless);
    });
  return (id) => lengths.get(id) ?? 0;
}

/** Ranking only matters when more tasks could run than there are slots. */
function slotsScarce(plan: RunPlan, options: RunOptions): boolean {
  return options.parallel !== true && plan.settings.concurrency < plan.graph.order.length;
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
    } else if (result.status === "failure" && result.reason !== "cancelled") {
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
  eviction: EvictionReport | undefined,
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
    ...(eviction === undefined ? {} : { eviction }),
  });
  const dir = join(plan.repoRoot, ".turbo", "runs");
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${id}.json`);
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}
