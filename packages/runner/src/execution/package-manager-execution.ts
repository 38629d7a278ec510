import type { PackageManager } from "@turbine/workspace";

import { spawnTask } from "../process/spawn-task.js";
import { which } from "../process/which.js";
import type { TaskResult } from "../task-result.js";
import type { ScriptIo, ScriptTask, TaskExecution } from "./task-execution.js";

/** `<pm> run <script> [--] [args]`, as turbo 2.11.13 runs every task. */
export function packageManagerExecution(manager: PackageManager): TaskExecution {
  return {
    run: (task, io) => runThroughPackageManager(manager, task, io),
    close: () => Promise.resolve(),
  };
}

export async function runThroughPackageManager(
  manager: PackageManager,
  task: ScriptTask,
  io: ScriptIo,
): Promise<TaskResult> {
  const args = runArgs(manager, task.script, task.args);
  const result = await spawnTask({
    command: manager.command,
    args,
    cwd: task.dir,
    env: task.env,
    signal: io.signal,
    ...(io.interrupt === undefined ? {} : { interrupt: io.interrupt }),
    logFile: task.logFile,
    onLine: io.onLine,
    ...(io.killGraceMs === undefined ? {} : { killGraceMs: io.killGraceMs }),
  });
  return withTurboMessage(result, manager, task, args);
}

/**
 * turbo's argv: npm always gets `--` before pass-through args; pnpm and berry never do; yarn 1
 * and bun only when the args themselves hold a `--` (both swallow the first one).
 */
export function runArgs(
  manager: PackageManager,
  script: string,
  args: readonly string[],
): string[] {
  if (args.length === 0) return ["run", script];
  const separator =
    manager.name === "npm" ||
    ((manager.name === "yarn" || manager.name === "bun") && args.includes("--"));
  return ["run", script, ...(separator ? ["--"] : []), ...args];
}

/** Adds turbo's failure text; it names the package manager whichever way the script ran. */
export function withTurboMessage(
  result: TaskResult,
  manager: PackageManager,
  task: ScriptTask,
  args: readonly string[] = runArgs(manager, task.script, task.args),
): TaskResult {
  if (result.status !== "failure" || result.reason !== "exit-non-zero") return result;
  const command = which(manager.command, task.env.PATH);
  return {
    ...result,
    message: `command (${task.dir}) ${command} ${args.join(" ")} exited (${result.exitCode})`,
  };
}
