import { isAbsolute } from "node:path";

import { RunnerError } from "../errors.js";
import type { RunEvent } from "../events.js";
import { scriptTask } from "../execute-task.js";
import type { RunPlan } from "../plan-run.js";
import { which } from "../process/which.js";
import type { RunOptions } from "../run-options.js";
import { packageManagerExecution } from "./package-manager-execution.js";
import type { TaskExecution } from "./task-execution.js";

/** turbo fails a run up front, not task by task, when the package manager is not on PATH. */
export function assertPackageManager(command: string, path: string | undefined): void {
  if (isAbsolute(command) || command.includes("/") || which(command, path) !== command) return;
  throw new RunnerError(
    "ERR_RUNNER_PACKAGE_MANAGER_NOT_FOUND",
    "Unable to find package manager binary: cannot find binary path",
    { hint: `Install ${command} or add the directory that holds it to PATH.` },
  );
}

/** The run's script execution: `<pm> run`, or direct with the planned tasks known up front. */
export async function openExecution(
  plan: RunPlan,
  base: Parameters<typeof scriptTask>[1],
  options: RunOptions,
  emit: (event: RunEvent) => void,
): Promise<TaskExecution> {
  const manager = plan.workspace.packageManager;
  if (plan.settings.execution === "package-manager") {
    return packageManagerExecution(manager);
  }
  // Loaded only for direct runs: a run through the package manager never pays for it.
  const { DirectExecution } = await import("./direct-execution.js");
  return DirectExecution.create({
    manager,
    tasks: [...plan.tasks.values()]
      .filter((task) => task.script !== undefined)
      .map((task) => scriptTask(task, base)),
    notice: (message) => {
      emit({ type: "notice", message });
    },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
