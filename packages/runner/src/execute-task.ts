import { join } from "node:path";

import type { PackageJson } from "@turbine/workspace";

import type { RunEventListener, TaskCacheStatus } from "./events.js";
import type { ScriptTask, TaskExecution } from "./execution/task-execution.js";
import { logFilePath, readLogLines } from "./log-file.js";
import { globOutputs } from "./outputs.js";
import type { PlannedTask } from "./planned-task.js";
import type { MissExplanation } from "./records/miss-explainer.js";
import { saveFailureText } from "./save-failure.js";
import type { RunShutdown } from "./shutdown.js";
import type { TaskCacheSummary } from "./summary/run-record.js";
import type { TaskResult } from "./task-result.js";

/** The slice of `@turbine/cache`'s `Cache` the executor uses. */
export interface TaskCache {
  /** `signal` aborts when the task is stopped: a download under way is cancelled (a miss). */
  fetch(
    hash: string,
    options: { readonly signal: AbortSignal },
  ): Promise<
    | {
        readonly source: "LOCAL" | "REMOTE";
        readonly durationMs: number;
        readonly files: readonly string[];
        readonly sha?: string | null;
        readonly dirtyHash?: string | null;
      }
    | undefined
  >;
  /** Best-effort: a side that could not be written is reported in `error`, never thrown. */
  put(
    hash: string,
    input: { paths: readonly string[]; durationMs: number },
  ): Promise<{ readonly error?: unknown }>;
}

export interface ExecuteTaskContext {
  readonly repoRoot: string;
  /** How scripts start: through the package manager (turbo's way) or directly. */
  readonly execution: TaskExecution;
  /** A package's package.json, by package name (`//` for the root). */
  readonly manifestOf: (pkg: string) => PackageJson;
  /** Absolute directory Turbine was invoked from (TURBO_INVOCATION_DIR). */
  readonly invocationDir: string;
  /** Undefined when caching is entirely off. */
  readonly cache: TaskCache | undefined;
  /** Any cache side readable (false with `--force`). */
  readonly cacheRead: boolean;
  /** Any cache side writable. */
  readonly cacheWrite: boolean;
  readonly emit: RunEventListener;
  /** Awaited between chunks of a long log replay (see `RunOptions.outputDrained`). */
  readonly outputDrained?: () => Promise<void>;
  readonly killGraceMs?: number;
  /** The run's Ctrl-C handling: a task it interrupts ends `interrupted`. */
  readonly shutdown?: RunShutdown;
  /** Explains a miss or bypass; its answer goes into the `task-status` event. */
  readonly explain?: (
    task: PlannedTask,
    status: "miss" | "bypass",
  ) => Promise<MissExplanation | undefined>;
  /** Told what the cache said and which paths the task's entry holds (for `--summarize`). */
  readonly onFacts?: (facts: TaskFacts) => void;
}

/** What a run summary records about one task's cache use. */
export interface TaskFacts {
  readonly cache: TaskCacheSummary;
  /** Repo-relative paths of the log and outputs (restored on a hit, saved on a miss), sorted. */
  readonly expandedOutputs: readonly string[];
}

/**
 * Runs one task the way turbo does: a cache hit restores outputs and replays the restored log;
 * otherwise the script runs in the package directory (`ctx.execution`) and, on success, the log
 * plus the `outputs` matches are saved. A failed or cancelled task is never cached.
 */
export async function executeTask(
  task: PlannedTask,
  ctx: ExecuteTaskContext,
  signal: AbortSignal,
): Promise<TaskResult> {
  if (task.script === undefined) return { status: "success", reason: "no-script", durationMs: 0 };
  const stopping = (): boolean => ctx.shutdown?.interrupt.graceful.aborted === true;
  if (stopping()) return { status: "skipped", reason: "run-stopped" };
  const cache = task.cache && ctx.cacheRead ? ctx.cache : undefined;
  const readable = cache !== undefined;
  const hit = cache === undefined ? undefined : await cache.fetch(task.hash, { signal });
  const status: TaskCacheStatus =
    hit !== undefined
      ? { kind: "hit", source: hit.source, timeSavedMs: hit.durationMs }
      : readable
        ? { kind: "miss" }
        : { kind: "bypass" };
  const { id: taskId, hash, outputLogs } = task;
  const explanation = status.kind === "hit" ? undefined : await ctx.explain?.(task, status.kind);
  ctx.emit({
    type: "task-status",
    taskId,
    package: task.package,
    task: task.task,
    hash,
    status,
    outputLogs,
    ...(explanation === undefined ? {} : { explanation }),
  });
  const logFile = logFilePath(task.dir, task.task);
  if (hit !== undefined) {
    ctx.onFacts?.({
      cache: {
        local: hit.source === "LOCAL",
        remote: hit.source === "REMOTE",
        status: "HIT",
        source: hit.source,
        timeSaved: hit.durationMs,
        ...(hit.sha == null ? {} : { sha: hit.sha }),
        ...(hit.dirtyHash == null ? {} : { dirtyHash: hit.dirtyHash }),
      },
      expandedOutputs: [...hit.files].sort(),
    });
    if (outputLogs === "full") await replayLog(join(ctx.repoRoot, logFile), taskId, ctx);
    const result: TaskResult = { status: "success", reason: "cached", durationMs: 0 };
    ctx.emit({ type: "task-end", taskId, result });
    return result;
  }
  // Interrupted while the cache was being read: the task is not started.
  if (stopping()) {
    const result: TaskResult = { status: "interrupted", forced: false, durationMs: 0 };
    ctx.emit({ type: "task-end", taskId, result });
    return result;
  }
  const { shutdown } = ctx;
  const start = (): Promise<TaskResult> =>
    ctx.execution.run(scriptTask(task, ctx), {
      signal,
      ...(shutdown === undefined ? {} : { interrupt: shutdown.interrupt }),
      onLine: (line) => {
        ctx.emit({ type: "task-output", taskId, line, replayed: false });
      },
      ...(ctx.killGraceMs === undefined ? {} : { killGraceMs: ctx.killGraceMs }),
    });
  const result = await (shutdown === undefined ? start() : shutdown.track(taskId, start));
  let saved: readonly string[] = [];
  if (result.status === "success" && task.cache && ctx.cacheWrite && ctx.cache !== undefined) {
    saved = await saveOutputs(task, ctx, logFile, result.durationMs);
  }
  ctx.onFacts?.({ cache: MISS, expandedOutputs: [...saved].sort() });
  ctx.emit({ type: "task-end", taskId, result });
  return result;
}

/** The script of a planned task, with the environment turbo adds and its package's manifest. */
export function scriptTask(
  task: PlannedTask,
  ctx: Pick<ExecuteTaskContext, "repoRoot" | "invocationDir" | "manifestOf">,
): ScriptTask {
  return {
    id: task.id,
    script: task.task,
    dir: join(ctx.repoRoot, task.dir),
    args: task.args,
    env: { ...task.env, TURBO_HASH: task.hash, TURBO_INVOCATION_DIR: ctx.invocationDir },
    logFile: join(ctx.repoRoot, logFilePath(task.dir, task.task)),
    root: ctx.repoRoot,
    manifest: ctx.manifestOf(task.package),
    isRoot: task.dir === "",
  };
}

const MISS: TaskCacheSummary = { local: false, remote: false, status: "MISS", timeSaved: 0 };

/**
 * Saves the log and the `outputs` matches, best-effort as turbo: a failure to glob, pack or write
 * is one warning naming the task and the cause, and the task's result stays what its process
 * returned. Returns the paths the entry holds (or would have held).
 */
async function saveOutputs(
  task: PlannedTask,
  ctx: ExecuteTaskContext,
  logFile: string,
  durationMs: number,
): Promise<string[]> {
  let paths = [logFile];
  try {
    const outputs = await globOutputs(ctx.repoRoot, task.dir, task.outputs);
    if (task.outputs.inclusions.length > 0 && outputs.length === 0) {
      ctx.emit({
        type: "warning",
        taskId: task.id,
        message: `no output files found for task ${task.id}. Please check your \`outputs\` key in \`turbo.json\``,
      });
    }
    paths = [logFile, ...outputs];
    const saved = await ctx.cache?.put(task.hash, { paths, durationMs });
    if (saved?.error !== undefined) warnNotSaved(task, ctx, saved.error);
  } catch (error) {
    warnNotSaved(task, ctx, error);
  }
  return paths;
}

function warnNotSaved(task: PlannedTask, ctx: ExecuteTaskContext, error: unknown): void {
  ctx.emit({ type: "warning", taskId: task.id, message: `${task.id}: ${saveFailureText(error)}` });
}

/** Replays a hit's log, streamed line by line (see `readLogLines`). */
function replayLog(path: string, taskId: string, ctx: ExecuteTaskContext): Promise<void> {
  const { emit } = ctx;
  return readLogLines(
    path,
    (line) => {
      emit({ type: "task-output", taskId, line, replayed: true });
    },
    ctx.outputDrained,
  );
}
