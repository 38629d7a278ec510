import {
  compareUtf8,
  envMapOf,
  Hasher,
  hashRun,
  type HashRunResult,
  type HashRunTask,
  RepoIndex,
  taskRuntimeEnv,
} from "@turbine/hasher";
import {
  buildTaskGraph,
  loadTurboConfig,
  loadWorkspace,
  repoFileReader,
  ROOT_PACKAGE_NAME,
  type TaskGraph,
  type TaskNode,
  type TurboConfig,
  type Workspace,
} from "@turbine/workspace";

import type { PlannedTask } from "./planned-task.js";
import { findRepoRoot } from "./repo-root.js";
import { resolveSettings, type RunSettings } from "./resolve-settings.js";
import type { RunOptions } from "./run-options.js";
import { selectPackages } from "./select-packages.js";

/** Everything known about a run before anything executes. */
export interface RunPlan {
  readonly repoRoot: string;
  readonly workspace: Workspace;
  readonly config: TurboConfig;
  readonly settings: RunSettings;
  readonly graph: TaskGraph;
  readonly hashes: HashRunResult;
  /** Package names in scope, byte-sorted (the header's "Packages in scope"). */
  readonly packagesInScope: readonly string[];
  /** Every task of the graph, by id, ready to execute. */
  readonly tasks: ReadonlyMap<string, PlannedTask>;
}

/**
 * Loads the workspace and every turbo.json, resolves `--filter`, builds the task graph and hashes
 * every task: the shared first half of a run, a dry run and `--graph`. Configuration problems
 * throw the owning package's error (`ConfigError`, `WorkspaceError`, `RunnerError`).
 */
export async function planRun(options: RunOptions): Promise<RunPlan> {
  const env = options.env ?? process.env;
  const repoRoot = findRepoRoot(options.cwd);
  // The file scan (git) and the hasher's wasm start now and run while the workspace and
  // turbo.json load; a failure surfaces where hashRun awaits them.
  const index = RepoIndex.create(repoRoot);
  const hasher = Hasher.create();
  void index.catch(() => undefined);
  void hasher.catch(() => undefined);
  const workspace = await loadWorkspace(repoRoot, {
    singlePackage: options.singlePackage === true,
    dangerouslyDisablePackageManagerCheck: options.dangerouslyDisablePackageManagerCheck === true,
  });
  const loaded = await loadTurboConfig({
    packages: workspace.packages.values(),
    readFile: repoFileReader(repoRoot),
    singlePackage: workspace.singlePackage,
  });
  if (!loaded.ok) throw loaded.error;
  const config = loaded.value;
  const settings = resolveSettings(options, repoRoot, config.root, env);
  const globalDependencies = config.root.globalDependencies;
  const selected = await selectPackages({
    workspace,
    cwd: options.cwd,
    filters: options.filters ?? [],
    affected: settings.affected,
    globalFiles: [
      "turbo.json",
      "turbo.jsonc",
      workspace.packageManager.lockfileName,
      ...globalDependencies,
    ],
  });
  const built = buildTaskGraph({
    workspace,
    config,
    tasks: options.tasks,
    ...(selected === undefined ? {} : { packages: selected }),
    only: options.only === true,
  });
  if (!built.ok) throw built.error;
  const graph = built.value;
  const nodes = [...graph.nodes.values()];
  const passThroughArgs = options.passThroughArgs ?? [];
  const hashes = await hashRun({
    workspace,
    tasks: nodes.map(toHashTask),
    env,
    // turbo 2.11.13 accepts --global-deps but leaves it out of the hash (verified); so do we.
    globalDependencies,
    globalEnv: config.root.globalEnv,
    globalPassThroughEnv: config.root.globalPassThroughEnv,
    envMode: settings.envMode,
    frameworkInference: settings.frameworkInference,
    passThruArgs: passThroughArgs,
    globalConfiguration: config.root.futureFlags.globalConfiguration,
    index,
    hasher: await hasher,
  });
  const envMap = envMapOf(env);
  const runtimeEnvs = new RuntimeEnvMemo();
  const requested = new Set(options.tasks);
  const tasks = new Map<string, PlannedTask>();
  for (const node of nodes) {
    const hashed = hashes.tasks.get(node.id);
    if (hashed === undefined) continue;
    const dir =
      node.package === ROOT_PACKAGE_NAME ? "" : (workspace.packages.get(node.package)?.dir ?? "");
    const taskEnv = runtimeEnvs.get(node.definition.passThroughEnv, hashed.hashedEnv, () =>
      Object.fromEntries(
        taskRuntimeEnv(envMap, {
          envMode: settings.envMode,
          globalHashedEnv: hashes.globalEnv.all,
          globalPassThroughEnv: config.root.globalPassThroughEnv,
          taskPassThroughEnv: node.definition.passThroughEnv,
          taskHashedEnv: hashed.hashedEnv,
        }),
      ),
    );
    tasks.set(node.id, {
      id: node.id,
      package: node.package,
      task: node.task,
      dir,
      hash: hashed.hash,
      script: node.command,
      dependencies: node.dependencies,
      outputs: node.definition.outputs,
      cache: node.definition.cache,
      outputLogs: options.outputLogs ?? node.definition.outputLogs,
      env: taskEnv,
      args: requested.has(node.task) || requested.has(node.id) ? passThroughArgs : [],
    });
  }
  const inScope = selected ?? defaultScope(workspace, graph, options.tasks);
  return {
    repoRoot,
    workspace,
    config,
    settings,
    graph,
    hashes,
    packagesInScope: [...inScope].sort(compareUtf8),
    tasks,
  };
}

/**
 * Task environments by their two per-task inputs (the pass-through list and the hashed env, both
 * shared between tasks with the same definition): most runs build one or two, not one a task.
 * The records are shared and must not be modified (the executor copies before adding to them).
 */
class RuntimeEnvMemo {
  readonly #byPassThrough = new Map<
    readonly string[] | null,
    Map<ReadonlyMap<string, string>, Record<string, string>>
  >();

  get(
    passThrough: readonly string[] | null,
    hashedEnv: ReadonlyMap<string, string>,
    build: () => Record<string, string>,
  ): Record<string, string> {
    let byEnv = this.#byPassThrough.get(passThrough);
    if (byEnv === undefined) {
      byEnv = new Map();
      this.#byPassThrough.set(passThrough, byEnv);
    }
    let env = byEnv.get(hashedEnv);
    if (env === undefined) {
      env = build();
      byEnv.set(hashedEnv, env);
    }
    return env;
  }
}

function toHashTask(node: TaskNode): HashRunTask {
  const { outputs } = node.definition;
  return {
    id: node.id,
    package: node.package,
    task: node.task,
    dependencies: node.dependencies,
    env: node.definition.env,
    passThroughEnv: node.definition.passThroughEnv,
    inputs: node.definition.inputs,
    outputs: [...outputs.inclusions, ...outputs.exclusions.map((glob) => `!${glob}`)],
  };
}

/**
 * turbo's scope without `--filter`: the packages named by `pkg#task` when every requested task is
 * one, else every workspace package, plus the root when the graph runs one of its tasks.
 */
function defaultScope(
  workspace: Workspace,
  graph: TaskGraph,
  tasks: readonly string[],
): Set<string> {
  if (workspace.singlePackage) return new Set();
  const qualified = tasks.map((task) =>
    task.includes("#") ? task.slice(0, task.indexOf("#")) : undefined,
  );
  if (qualified.length > 0 && qualified.every((name) => name !== undefined))
    return new Set(qualified);
  const scope = new Set(workspace.packages.keys());
  for (const node of graph.nodes.values()) {
    if (node.package === ROOT_PACKAGE_NAME) scope.add(ROOT_PACKAGE_NAME);
  }
  return scope;
}
