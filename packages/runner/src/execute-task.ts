import { join } from "node:path";

import type { RunEventListener, TaskCacheStatus } from "./events.js";
import { logFilePath, readLogLines } from "./log-file.js";
import { globOutputs } from "./outputs.js";
import type { PlannedTask } from "./planned-task.js";
import { spawnTask } from "./process/spawn-task.js";
import { which } from "./process/which.js";
import { saveFailureText } from "./save-failure.js";
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
  /** The package manager executable (`npm`, `pnpm`, `yarn`, `bun`). */
  readonly packageManager: string;
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
 * otherwise `<pm> run <script> [-- args]` runs in the package directory and, on success, the log
 * plus the `outputs` matches are saved. A failed or cancelled task is never cached.
 */
export async function executeTask(
  task: PlannedTask,
  ctx: ExecuteTaskContext,
  signal: AbortSignal,
): Promise<TaskResult> {
  if (task.script === undefined) return { status: "success", reason: "no-script", durationMs: 0 };
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
  ctx.emit({
    type: "task-status",
    taskId,
    package: task.package,
    task: task.task,
    hash,
    status,
    outputLogs,
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
      },
      expandedOutputs: [...hit.files].sort(),
    });
    if (outputLogs === "full") await replayLog(join(ctx.repoRoot, logFile), taskId, ctx);
    const result: TaskResult = { status: "success", reason: "cached", durationMs: 0 };
    ctx.emit({ type: "task-end", taskId, result });
    return result;
  }
  const cwd = join(ctx.repoRoot, task.dir);
  const args = ["run", task.task, ...(task.args.length > 0 ? ["--", ...task.args] : [])];
  const spawned = await spawnTask({
    command: ctx.packageManager,
    args,
    cwd,
    env: { ...task.env, TURBO_HASH: hash, TURBO_INVOCATION_DIR: ctx.invocationDir },
    signal,
    logFile: join(ctx.repoRoot, logFile),
    onLine: (line) => {
      ctx.emit({ type: "task-output", taskId, line, replayed: false });
    },
    ...(ctx.killGraceMs === undefined ? {} : { killGraceMs: ctx.killGraceMs }),
  });
  let saved: readonly string[] = [];
  if (spawned.status === "success" && task.cache && ctx.cacheWrite && ctx.cache !== undefined) {
    saved = await saveOutputs(task, ctx, logFile, spawned.durationMs);
  }
  ctx.onFacts?.({ cache: MISS, expandedOutputs: [...saved].sort() });
  const result: TaskResult =
    spawned.status === "failure" && spawned.reason === "exit-non-zero"
      ? {
          ...spawned,
          message: `command (${cwd}) ${which(ctx.packageManager, task.env.PATH)} ${args.join(" ")} exited (${spawned.exitCode})`,
        }
      : spawned;
  ctx.emit({ type: "task-end", taskId, result });
  return result;
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
