import { basename, dirname, resolve } from "node:path";

import {
  compareUtf8,
  envMapOf,
  Hasher,
  type HashRunResult,
  hashTaskGraph,
  type HashTaskGraphOptions,
  RepoIndex,
  taskRuntimeEnv,
} from "@turbine/hasher";
import {
  buildTaskGraph,
  type ConfigFileReader,
  loadTurboConfig,
  loadWorkspace,
  repoFileReader,
  ROOT_PACKAGE_NAME,
  type TaskGraph,
  type TurboConfig,
  type Workspace,
} from "@turbine/workspace";

import { deferredTasks } from "./deferred-tasks.js";
import { RunnerError } from "./errors.js";
import type { PlannedTask } from "./planned-task.js";
import { findRepoRoot } from "./repo-root.js";
import { resolveSettings, type RunSettings } from "./resolve-settings.js";
import type { RunOptions } from "./run-options.js";
import { inferenceDir, selectPackages } from "./select-packages.js";

/** Everything known about a run before anything executes. */
export interface RunPlan {
  readonly repoRoot: string;
  readonly workspace: Workspace;
  readonly config: TurboConfig;
  readonly settings: RunSettings;
  readonly graph: TaskGraph;
  readonly hashes: HashRunResult;
  /** What the hashes were computed from (without the scan), to hash another state alike. */
  readonly hashOptions: Omit<HashTaskGraphOptions, "index" | "hasher">;
  /** Package names in scope, byte-sorted (the header's "Packages in scope"). */
  readonly packagesInScope: readonly string[];
  /** Every task of the graph, by id, ready to execute. */
  readonly tasks: ReadonlyMap<string, PlannedTask>;
  /** Tasks whose hash turbo defers to execution time, with its reason (see deferred-tasks.ts). */
  readonly deferred: ReadonlyMap<string, string>;
  /** Settings Turbine accepts but does not implement, for the run's warnings. */
  readonly warnings: readonly string[];
}

/**
 * Loads the workspace and every turbo.json, resolves `--filter`, builds the task graph and hashes
 * every task: the shared first half of a run, a dry run and `--graph`. Configuration problems
 * throw the owning package's error (`WorkspaceError`, `RunnerError`).
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
  const { workspace, config } = await loadRepo(repoRoot, options);
  const settings = resolveSettings(options, repoRoot, config.root, env);
  const selected = await filteredPackages(repoRoot, options, workspace, config, settings);
  const built = buildTaskGraph({
    workspace,
    config,
    tasks: options.tasks,
    ...(selected === undefined ? {} : { packages: selected }),
    only: options.only === true,
  });
  if (!built.ok) throw built.error;
  const graph = built.value;
  const passThroughArgs = options.passThroughArgs ?? [];
  // --global-deps is not among them: turbo 2.11.13 leaves it out of the hash (hashTaskGraph).
  const hashOptions = {
    workspace,
    config,
    graph,
    env,
    envMode: settings.envMode,
    frameworkInference: settings.frameworkInference,
    passThruArgs: passThroughArgs,
  };
  const hashes = await hashTaskGraph({ ...hashOptions, index, hasher: await hasher });
  const deferred = deferredTasks(graph);
  const tasks = plannedTasks({
    options,
    env,
    workspace,
    config,
    settings,
    graph,
    hashes,
    deferred,
  });
  const inScope = selected ?? defaultScope(workspace, graph, options.tasks);
  return {
    repoRoot,
    workspace,
    config,
    settings,
    graph,
    hashes,
    hashOptions,
    packagesInScope: [...inScope].sort(compareUtf8),
    tasks,
    deferred,
    warnings: unsupportedWarnings(config, deferred),
  };
}

/** The workspace and every turbo.json, validated. */
async function loadRepo(
  repoRoot: string,
  options: RunOptions,
): Promise<{ workspace: Workspace; config: TurboConfig }> {
  const workspace = await loadWorkspace(repoRoot, {
    singlePackage: options.singlePackage === true,
    dangerouslyDisablePackageManagerCheck: options.dangerouslyDisablePackageManagerCheck === true,
  });
  const loaded = await loadTurboConfig({
    packages: workspace.packages.values(),
    readFile: configReader(repoRoot, options.rootTurboJson),
    singlePackage: workspace.singlePackage,
  });
  if (!loaded.ok) throw loaded.error;
  return { workspace, config: loaded.value };
}

/** The packages `--filter` / `--affected` (or the directory run from) select; undefined: all. */
function filteredPackages(
  repoRoot: string,
  options: RunOptions,
  workspace: Workspace,
  config: TurboConfig,
  settings: RunSettings,
): ReturnType<typeof selectPackages> {
  return selectPackages({
    workspace,
    cwd: inferenceDir(
      repoRoot,
      options.cwd,
      options.inferPackage ?? true,
      options.pkgInferenceRoot,
    ),
    infer: true,
    filters: options.filters ?? [],
    affected: settings.affected,
    globalFiles: [
      "turbo.json",
      "turbo.jsonc",
      workspace.packageManager.lockfileName,
      ...config.root.globalDependencies,
    ],
  });
}

/** What `plannedTasks` reads: the plan so far. */
interface PlannedTasksInput {
  readonly options: RunOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly workspace: Workspace;
  readonly config: TurboConfig;
  readonly settings: RunSettings;
  readonly graph: TaskGraph;
  readonly hashes: HashRunResult;
  readonly deferred: ReadonlyMap<string, string>;
}

/** Every hashed task of the graph, by id, with its directory, environment and arguments. */
function plannedTasks(input: PlannedTasksInput): Map<string, PlannedTask> {
  const { options, env, workspace, config, settings, graph, hashes, deferred } = input;
  const passThroughArgs = options.passThroughArgs ?? [];
  const envMap = envMapOf(env);
  const runtimeEnvs = new RuntimeEnvMemo();
  const requested = new Set(options.tasks);
  const tasks = new Map<string, PlannedTask>();
  for (const node of graph.nodes.values()) {
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
      // A deferred hash is not computed yet: such a task runs without the cache (see deferredTasks).
      cache: node.definition.cache && !deferred.has(node.id),
      outputLogs: options.outputLogs ?? node.definition.outputLogs,
      env: taskEnv,
      args: requested.has(node.task) || requested.has(node.id) ? passThroughArgs : [],
    });
  }
  return tasks;
}

/** One line per setting Turbine accepts but does not implement. */
function unsupportedWarnings(config: TurboConfig, deferred: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  if (config.root.futureFlags.hashFilePermissions) {
    out.push(
      "futureFlags.hashFilePermissions is not supported: file hashes ignore executable bits, so task hashes differ from turbo's",
    );
  }
  if (deferred.size > 0) {
    out.push(
      `deferred inputs (mode "jit" / "dependencyOutputs") are not hashed yet: ${[...deferred.keys()].join(", ")} run without the cache`,
    );
  }
  return out;
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

/**
 * Reads turbo.json files for `loadTurboConfig` (`repoFileReader`: bounded, never blocks on a
 * FIFO); with `--root-turbo-json`, the root one comes from that file (which must exist) and a root
 * turbo.jsonc is not looked for.
 */
function configReader(repoRoot: string, rootTurboJson: string | undefined): ConfigFileReader {
  const inRepo = repoFileReader(repoRoot);
  if (rootTurboJson === undefined) return inRepo;
  const file = resolve(rootTurboJson);
  const root = repoFileReader(dirname(file));
  return async (path) => {
    if (path === "turbo.jsonc") return undefined;
    if (path !== "turbo.json") return inRepo(path);
    const text = await root(basename(file));
    if (text !== undefined) return text;
    throw new RunnerError(
      "ERR_RUNNER_INVALID_OPTION",
      `Unable to read repository configuration ${rootTurboJson}: configuration does not exist`,
      { hint: "Point --root-turbo-json (or TURBO_ROOT_TURBO_JSON) at an existing turbo.json." },
    );
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
