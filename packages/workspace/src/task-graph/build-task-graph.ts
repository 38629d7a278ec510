import { type ConfigResult, fail } from "../config/config-result.js";
import { resolveTaskDefinition } from "../config/resolve-task-definition.js";
import type { TaskDefinition } from "../config/task-definition.js";
import type { TurboConfig } from "../config/turbo-json.js";
import { WorkspaceError } from "../errors.js";
import { ROOT_PACKAGE_NAME, type Workspace, type WorkspacePackage } from "../types.js";
import { findEntryPoints } from "./find-entry-points.js";
import { type BuiltNode, finishTaskGraph } from "./finish-task-graph.js";
import { parseTaskName, type TaskGraph } from "./task-graph.js";

export interface BuildTaskGraphOptions {
  readonly workspace: Workspace;
  readonly config: TurboConfig;
  /** Requested tasks: `build`, or package tasks such as `web#lint` / `//#format`. */
  readonly tasks: readonly string[];
  /** Packages the run selected (e.g. by `--filter`); default every package plus the root "//". */
  readonly packages?: Iterable<string>;
  /** `--only`: keep just the requested tasks of the selected packages as dependency targets. */
  readonly only?: boolean;
}

interface Pending {
  readonly package: string;
  readonly task: string;
}

/**
 * Builds turbo's task graph: entry points are the requested tasks in the selected packages, then
 * `dependsOn` (`^task` through direct internal dependencies, same-package `task`, `pkg#task`) and
 * `with` siblings are followed until nothing new appears. Errors mirror turbo's: unknown tasks,
 * missing definitions, unregistered root tasks, cycles, and dependencies on persistent tasks.
 */
export function buildTaskGraph(options: BuildTaskGraphOptions): ConfigResult<TaskGraph> {
  const { workspace, config } = options;
  const single = workspace.singlePackage;
  const selected = single
    ? [ROOT_PACKAGE_NAME]
    : [...(options.packages ?? [ROOT_PACKAGE_NAME, ...workspace.packages.keys()])];
  const rootEnabled = new Set<string>();
  for (const key of config.root.tasks.keys()) {
    if (key.startsWith("//#")) rootEnabled.add(key.slice(3));
  }
  const isRootEnabled = (task: string): boolean => single || rootEnabled.has(task);
  const idOf = (pkg: string, task: string): string => (single ? task : `${pkg}#${task}`);
  const packageOf = (name: string): WorkspacePackage | undefined =>
    name === ROOT_PACKAGE_NAME ? workspace.rootPackage : workspace.packages.get(name);

  const entries = findEntryPoints({
    workspace,
    config,
    tasks: options.tasks,
    selected,
    isRootEnabled,
  });
  if (!entries.ok) return entries;
  const allowed = options.only === true ? allowedTasks(options.tasks, selected) : undefined;
  const isAllowed = (target: Pending): boolean =>
    allowed === undefined || allowed.has(`${target.package}#${target.task}`);

  const queue: Pending[] = [...entries.value];
  const visited = new Set<string>();
  const nodes = new Map<string, BuiltNode>();
  for (let head = 0; head < queue.length; head++) {
    const item = queue[head] as Pending;
    const key = `${item.package}#${item.task}`;
    if (visited.has(key)) continue;
    const definition = definitionOf(config, item, isRootEnabled, packageOf);
    if (!definition.ok) return definition;
    visited.add(key);
    const { dependencies, siblings } = edgesOf(definition.value, item, workspace);
    const followed = dependencies.filter(isAllowed);
    queue.push(...followed, ...siblings);
    nodes.set(idOf(item.package, item.task), {
      package: item.package,
      task: item.task,
      definition: definition.value,
      deps: followed.map((target) => idOf(target.package, target.task)),
    });
  }
  return finishTaskGraph(config, nodes, single, packageOf);
}

/** Checks that the task may exist (registered root task, known package) and resolves it. */
function definitionOf(
  config: TurboConfig,
  item: Pending,
  isRootEnabled: (task: string) => boolean,
  packageOf: (name: string) => WorkspacePackage | undefined,
): ConfigResult<TaskDefinition> {
  const key = `${item.package}#${item.task}`;
  if (item.package === ROOT_PACKAGE_NAME && !isRootEnabled(item.task)) {
    return fail(
      new WorkspaceError(
        "ERR_TASK_GRAPH_ROOT_TASK_NOT_REGISTERED",
        `${key} requires an entry in turbo.json before it can be depended on because it is a task declared in the root package.json`,
        { file: config.root.path, hint: `Add "${key}": {} to \`tasks\` in ${config.root.path}.` },
      ),
    );
  }
  const pkg = packageOf(item.package);
  if (pkg === undefined) {
    return fail(
      new WorkspaceError(
        "ERR_TASK_GRAPH_UNKNOWN_PACKAGE",
        `Could not find package "${item.package}" referenced by task "${key}" in project`,
        { hint: "Check the package name in dependsOn, with, or the task you asked to run." },
      ),
    );
  }
  return resolveTaskDefinition(config, {
    package: item.package,
    task: item.task,
    packageDir: pkg.dir,
    hasCommand: pkg.packageJson.scripts?.[item.task] !== undefined,
  });
}

/**
 * The tasks a definition points at. `^task` fans out over direct internal dependencies; two
 * spellings of one task (`lint`, `pkg#lint`) stay two edges, as in turbo. Siblings get no edge.
 */
function edgesOf(
  definition: TaskDefinition,
  item: Pending,
  workspace: Workspace,
): { dependencies: Pending[]; siblings: Pending[] } {
  const dependencies: Pending[] = [];
  for (const task of definition.topologicalDependencies) {
    for (const pkg of workspace.graph.dependencies(item.package))
      dependencies.push({ package: pkg, task });
  }
  for (const dependency of definition.taskDependencies) {
    const name = parseTaskName(dependency);
    dependencies.push({ package: name.package ?? item.package, task: name.task });
  }
  const siblings = definition.with.map((sibling) => {
    const name = parseTaskName(sibling);
    return { package: name.package ?? item.package, task: name.task };
  });
  return { dependencies, siblings };
}

function allowedTasks(tasks: readonly string[], selected: readonly string[]): Set<string> {
  const allowed = new Set<string>();
  for (const requested of tasks) {
    const name = parseTaskName(requested);
    if (name.package !== undefined) allowed.add(requested);
    else for (const pkg of selected) allowed.add(`${pkg}#${name.task}`);
  }
  return allowed;
}
