import { WorkspaceError } from "../errors.js";
import { buildTaskDefinition } from "./build-task-definition.js";
import { configChain } from "./config-chain.js";
import { type ConfigResult, fail } from "./config-result.js";
import {
  hasConfigBeyondExtends,
  mergeTasks,
  type ProcessedTask,
  processTask,
} from "./merge-task-definitions.js";
import type { TaskDefinition } from "./task-definition.js";
import type { RawTaskDefinition, TurboConfig, TurboJsonFile } from "./turbo-json.js";

export interface TaskRef {
  /** Package name; "//" for the root package. */
  readonly package: string;
  /** Task name without a package prefix. */
  readonly task: string;
  /** Repo-relative package directory ("" for the root). */
  readonly packageDir: string;
  /** Whether the package has a script for the task (gates `global.inputs`, as in turbo). */
  readonly hasCommand: boolean;
}

/**
 * Resolves the definition of `task` in `package`: walks the package's turbo.json chain, honours
 * task-level `extends: false`, merges (root `pkg#task` entries replace `task` entirely) and applies
 * turbo's defaults.
 */
export function resolveTaskDefinition(
  config: TurboConfig,
  ref: TaskRef,
): ConfigResult<TaskDefinition> {
  const chain = configChain(config, ref.package);
  if (!chain.ok) return chain;
  const taskId = config.singlePackage ? ref.task : `${ref.package}#${ref.task}`;
  const entry = (file: TurboJsonFile): RawTaskDefinition | undefined =>
    file.tasks.get(`${ref.package}#${ref.task}`) ?? file.tasks.get(ref.task);
  const files = chain.value;
  const parts: ProcessedTask[] = [];
  let optOutIndex = -1;
  for (let index = files.length - 1; index >= 0; index--) {
    if (files[index]?.tasks.get(ref.task)?.extends === false) {
      optOutIndex = index;
      break;
    }
  }
  if (optOutIndex !== -1) {
    files.slice(optOutIndex).forEach((file, offset) => {
      const raw = entry(file);
      if (raw !== undefined && (offset > 0 || hasConfigBeyondExtends(raw)))
        parts.push(processTask(raw));
    });
  } else {
    for (const file of files) {
      const raw = entry(file);
      if (raw !== undefined) parts.push(processTask(raw));
    }
    if (parts.length === 0) {
      return fail(
        new WorkspaceError(
          "ERR_TASK_GRAPH_MISSING_DEFINITION",
          `Could not find "${taskId}" in root turbo.json or "${ref.task}" in package`,
          {
            file: config.root.path,
            hint: `Add "${ref.task}" to \`tasks\` in ${config.root.path} (or to the package's turbo.json).`,
          },
        ),
      );
    }
  }
  return buildTaskDefinition(mergeTasks(parts), {
    taskId,
    packageDir: ref.packageDir,
    globalInputs: ref.hasCommand ? config.root.globalInputs : [],
  });
}

export type TaskPresence = "found" | "excluded" | "not-found";

/**
 * turbo's `has_task_definition_in_run`: is `taskName` (as requested: `build` or `web#build`)
 * defined for `packageName`? "excluded" when a Package Configuration opts out with `extends: false`.
 */
export function taskPresence(
  config: TurboConfig,
  packageName: string,
  taskName: string,
  taskId: string,
): TaskPresence {
  const base = taskName.includes("#") ? taskName.slice(taskName.indexOf("#") + 1) : taskName;
  const taskPackage = taskId.slice(0, taskId.lastIndexOf("#"));
  const visited = new Set<string>();
  const visit = (name: string): TaskPresence => {
    if (visited.has(name)) return "not-found";
    visited.add(name);
    const isRoot = name === "//";
    const file = isRoot ? config.root : config.packages.get(name);
    if (file === undefined) return visit("//");
    const checkBase = isRoot || name === taskPackage;
    const raw =
      file.tasks.get(taskId) ??
      file.tasks.get(taskName) ??
      (checkBase ? file.tasks.get(base) : undefined);
    if (raw !== undefined)
      return raw.extends === false && !hasConfigBeyondExtends(raw) ? "excluded" : "found";
    if (isRoot) return "not-found";
    for (const extended of file.extends) {
      const result = visit(extended);
      if (result !== "not-found") return result;
    }
    return "not-found";
  };
  return visit(packageName);
}
