import { spawn } from "node:child_process";

import type { TaskResult } from "../task-result.js";
import { interruptProcessGroup, type TaskInterrupt } from "./interrupt-process-group.js";
import { killProcessGroup } from "./kill-process-group.js";
import { TaskOutput } from "./task-output.js";

export interface SpawnTaskOptions {
  /** Executable, e.g. `npm`; resolved against `env.PATH`. */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The complete environment of the child (strict or loose, built by the caller). */
  readonly env: Readonly<Record<string, string>>;
  /** Aborting stops the whole process group and resolves as `cancelled`. */
  readonly signal: AbortSignal;
  /** The run's graceful shutdown (Ctrl-C): SIGINT, a wait, then SIGKILL; resolves `interrupted`. */
  readonly interrupt?: TaskInterrupt;
  /** Absolute path of the raw log (`<pkg>/.turbo/turbo-<task>.log`); truncated first. */
  readonly logFile?: string;
  /** Each line of combined stdout and stderr, without the newline, as it arrives. */
  readonly onLine: (line: string) => void;
  /**
   * An output shared with other steps of the same task; when given, `logFile` and `onLine` are
   * not used and the caller ends it.
   */
  readonly output?: TaskOutput;
  /** Time between SIGTERM and SIGKILL when stopping. Default 2000 ms. */
  readonly killGraceMs?: number;
}

/**
 * Runs one task command in its own process group (so stopping it stops every process it
 * started), tees raw stdout+stderr into the log file and forwards lines. Never rejects: a spawn
 * failure, a non-zero exit, a cancellation and an interruption are all `TaskResult` values.
 */
export async function spawnTask(options: SpawnTaskOptions): Promise<TaskResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (options.signal.aborted) {
    return { status: "failure", reason: "cancelled", exitCode: 1, durationMs: 0 };
  }
  const shared = options.output;
  const output = shared ?? new TaskOutput(options.logFile, options.onLine);
  let resolve: (result: TaskResult) => void = () => undefined;
  const promise = new Promise<TaskResult>((done) => {
    resolve = done;
  });
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => {
    output.write("stdout", chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output.write("stderr", chunk);
  });
  let cancelled = false;
  const onAbort = (): void => {
    cancelled = true;
    killProcessGroup(child, options.killGraceMs ?? 2000);
  };
  options.signal.addEventListener("abort", onAbort, { once: true });
  let interrupted: Promise<{ readonly forced: boolean }> | undefined;
  const onInterrupt = (): void => {
    if (cancelled || options.interrupt === undefined) return;
    const { force } = options.interrupt;
    interrupted = interruptProcessGroup(child, force);
    // A process outside the group may still hold the pipes; a forced stop does not wait for it.
    force.addEventListener(
      "abort",
      () => {
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, 200).unref();
      },
      { once: true },
    );
  };
  if (options.interrupt?.graceful.aborted === true) onInterrupt();
  else options.interrupt?.graceful.addEventListener("abort", onInterrupt, { once: true });
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  child.once("close", (code, signal) => {
    options.signal.removeEventListener("abort", onAbort);
    options.interrupt?.graceful.removeEventListener("abort", onInterrupt);
    void (async () => {
      const stopped = await interrupted;
      const durationMs = elapsed();
      const result: TaskResult =
        stopped === undefined
          ? toResult(code, signal, cancelled, spawnError, durationMs)
          : { status: "interrupted", forced: stopped.forced, durationMs };
      if (shared === undefined) await output.end();
      resolve(result);
    })();
  });
  return promise;
}

function toResult(
  code: number | null,
  signal: NodeJS.Signals | null,
  cancelled: boolean,
  spawnError: Error | undefined,
  durationMs: number,
): TaskResult {
  if (spawnError !== undefined) {
    return {
      status: "failure",
      reason: "spawn-error",
      exitCode: 1,
      durationMs,
      message: spawnError.message,
    };
  }
  if (cancelled) return { status: "failure", reason: "cancelled", exitCode: code ?? 1, durationMs };
  if (code === 0) return { status: "success", reason: "executed", durationMs };
  // Killed by a signal nobody here sent: report the shell's 128 + n.
  const exitCode = code ?? (signal === null ? 1 : 128 + signalNumber(signal));
  return { status: "failure", reason: "exit-non-zero", exitCode, durationMs };
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 1;
}
