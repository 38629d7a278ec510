import { sortBytes } from "../byte-order.js";
import { type ConfigResult, fail, ok } from "../config/config-result.js";
import { taskPresence } from "../config/resolve-task-definition.js";
import type { TurboConfig } from "../config/turbo-json.js";
import { WorkspaceError } from "../errors.js";
import { ROOT_PACKAGE_NAME, type Workspace } from "../types.js";
import { parseTaskName } from "./task-graph.js";

export interface EntryPointInput {
  readonly workspace: Workspace;
  readonly config: TurboConfig;
  readonly tasks: readonly string[];
  readonly selected: readonly string[];
  readonly isRootEnabled: (task: string) => boolean;
}

/**
 * The requested tasks that exist in the selected packages (turbo's entry points). A requested task
 * defined nowhere in the repo is "Could not find task `x` in project"; `pkg#task` naming a package
 * that does not exist is reported as such.
 */
export function findEntryPoints(
  input: EntryPointInput,
): ConfigResult<{ package: string; task: string }[]> {
  const { config, workspace } = input;
  for (const requested of input.tasks) {
    const pkg = parseTaskName(requested).package;
    if (pkg !== undefined && pkg !== ROOT_PACKAGE_NAME && !workspace.packages.has(pkg)) {
      return fail(
        new WorkspaceError(
          "ERR_TASK_GRAPH_UNKNOWN_PACKAGE",
          `Could not find package "${pkg}" referenced by task "${requested}" in project`,
          { hint: "Check the package name of the task you asked to run." },
        ),
      );
    }
  }
  const missing = new Set(input.tasks);
  const entries: { package: string; task: string }[] = [];
  for (const pkg of input.selected) {
    for (const requested of input.tasks) {
      const name = parseTaskName(requested);
      if (name.package !== undefined && name.package !== pkg) continue;
      if (taskPresence(config, pkg, requested, `${pkg}#${name.task}`) !== "found") continue;
      missing.delete(requested);
      if (pkg !== ROOT_PACKAGE_NAME || input.isRootEnabled(name.task))
        entries.push({ package: pkg, task: name.task });
    }
  }
  const everyPackage = [ROOT_PACKAGE_NAME, ...workspace.packages.keys()];
  for (const requested of [...missing]) {
    const name = parseTaskName(requested);
    const found = everyPackage.some(
      (pkg) =>
        taskPresence(config, pkg, requested, `${name.package ?? pkg}#${name.task}`) === "found",
    );
    if (found) missing.delete(requested);
  }
  if (missing.size === 0) return ok(entries);
  const messages = sortBytes(missing).map(
    (requested) => `Could not find task \`${requested}\` in project`,
  );
  return fail(
    new WorkspaceError("ERR_TASK_GRAPH_UNKNOWN_TASK", messages.join("; "), {
      file: config.root.path,
      hint: `Define the task under \`tasks\` in ${config.root.path} (or a Package Configuration).`,
    }),
  );
}
