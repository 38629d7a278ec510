import { sortedUtf8 } from "./byte-order.js";
import { toSecretPairs } from "./env-pairs.js";
import { type DetailedEnv, taskHashableEnv } from "./env-resolve.js";
import { type EnvMap, fromWildcards } from "./env-wildcards.js";
import { HasherError } from "./errors.js";
import type { TaskHashExplanation } from "./explanation.js";
import { inferFramework } from "./frameworks.js";
import { globalFileHashes } from "./global-files.js";
import { buildGlobalHashable } from "./global-hash.js";
import type {
  HashedTask,
  HashRunOptions,
  HashRunResult,
  HashRunTask,
  PackageInfo,
} from "./hash-run-types.js";
import type { EnvMode } from "./hashables.js";
import { Hasher } from "./hasher.js";
import { RepoIndex } from "./repo-index.js";
import { internalDepsHash, taskFileMaps, toEnvMap, workspaceExclusions } from "./run-inputs.js";
import { buildTaskHashable } from "./task-hash.js";
import { topologicalOrder } from "./topological-order.js";

const ROOT = "//";

/**
 * Computes the global hash and every task hash of a run, exactly as turbo 2.11.13 does: one scan
 * of the repository, the global hash, then the tasks in topological order so that each one's
 * dependency hashes are known.
 */
export async function hashRun(options: HashRunOptions): Promise<HashRunResult> {
  const [index, hasher] = await Promise.all([
    options.index ?? RepoIndex.create(options.workspace.root),
    options.hasher ?? Hasher.create(),
  ]);
  const scope = runScope(options, hasher);
  const [globalFiles, files] = await Promise.all([
    globalFileHashes(index, {
      globs: options.globalDependencies ?? [],
      workspaceExclusions: workspaceExclusions(scope.ws),
      singlePackage: scope.single,
      lockfileName: scope.ws.packageManager.lockfileName,
    }),
    taskFileMaps(index, hasher, options.tasks, (t) =>
      scope.single ? "" : scope.packageOf(t.package).dir,
    ),
  ]);
  const global = hashGlobal(scope, globalFiles, index);
  return {
    globalHash: global.hash,
    globalInputs: global.cacheInputs,
    global: {
      hash: global.hash,
      inputs: global.cacheInputs,
      globalDependencies: options.globalDependencies ?? [],
      envMode: scope.envMode,
      frameworkInference: options.frameworkInference ?? true,
      globalConfiguration: options.globalConfiguration ?? false,
    },
    globalEnv: global.env,
    tasks: hashTasks(scope, files, global.hash),
    index,
  };
}

/** What every step of one run reads: the options resolved, the hasher, package look-ups. */
interface RunScope {
  readonly options: HashRunOptions;
  readonly ws: HashRunOptions["workspace"];
  readonly env: EnvMap;
  readonly envMode: EnvMode;
  readonly globalEnv: readonly string[];
  readonly single: boolean;
  readonly hasher: Hasher;
  packageOf(name: string): PackageInfo;
  /** A package's external dependencies hash (null in single-package mode). */
  externalHash(name: string): string | null;
}

function runScope(options: HashRunOptions, hasher: Hasher): RunScope {
  const ws = options.workspace;
  const single = ws.singlePackage;
  return {
    options,
    ws,
    env: toEnvMap(options.env),
    envMode: options.envMode ?? "strict",
    globalEnv: options.globalEnv ?? [],
    single,
    hasher,
    packageOf(name) {
      const pkg = name === ROOT ? ws.rootPackage : ws.packages.get(name);
      if (pkg !== undefined) return pkg;
      throw new HasherError(
        "ERR_HASHER_UNKNOWN_PACKAGE",
        `task graph names unknown package "${name}"`,
        {
          hint: "Build the task graph from the same workspace that is being hashed.",
        },
      );
    },
    externalHash(name) {
      return single ? null : hasher.externalDepsHash(ws.externalClosure(name) ?? []);
    },
  };
}

/** The global hashable and its hash (turbo's `GlobalHashable`). */
function hashGlobal(
  scope: RunScope,
  globalFiles: Awaited<ReturnType<typeof globalFileHashes>>,
  index: RepoIndex,
): ReturnType<typeof buildGlobalHashable> & { readonly hash: string } {
  const { options, ws, single, hasher } = scope;
  const global = buildGlobalHashable({
    globalFiles,
    rootExternalDepsHash: scope.externalHash(ROOT),
    rootInternalDepsHash: single ? null : internalDepsHash(ws, index, hasher),
    globalEnv: scope.globalEnv,
    globalPassThroughEnv: options.globalPassThroughEnv ?? null,
    envMode: scope.envMode,
    frameworkInference: options.frameworkInference ?? true,
    engines: ws.rootPackage.packageJson.engines,
    globalConfiguration: options.globalConfiguration ?? false,
    env: scope.env,
  });
  return { ...global, hash: hasher.global(global.hashable) };
}

/** Every task's hash, in topological order; tasks of one definition share their env work. */
function hashTasks(
  scope: RunScope,
  files: Awaited<ReturnType<typeof taskFileMaps>>,
  globalHash: string,
): Map<string, HashedTask> {
  const { options, env, single, ws } = scope;
  const byId = new Map(options.tasks.map((t) => [t.id, t]));
  const envMemo = new Map<string, DetailedEnv>();
  const externalMemo = new Map<string, string | null>();
  const results = new Map<string, HashedTask>();
  for (const id of topologicalOrder(options.tasks)) {
    const task = byId.get(id) as HashRunTask;
    const pkg = scope.packageOf(task.package);
    const framework =
      options.frameworkInference === false
        ? undefined
        : inferFramework(
            single ? pkg.packageJson.dependencies : ws.graph.externalDependencies(pkg.name),
          );
    const envKey = `${framework?.slug ?? ""}\0${task.env.join("\0")}`;
    let hashedEnv = envMemo.get(envKey);
    if (hashedEnv === undefined) {
      hashedEnv = taskHashableEnv(env, {
        taskEnv: task.env,
        globalEnv: scope.globalEnv,
        framework,
      });
      envMemo.set(envKey, hashedEnv);
    }
    let externalDepsHash = externalMemo.get(pkg.name);
    if (externalDepsHash === undefined) {
      externalDepsHash = scope.externalHash(pkg.name);
      externalMemo.set(pkg.name, externalDepsHash);
    }
    const taskFiles = files.get(id);
    if (taskFiles === undefined) throw new Error(`unreachable: no file map for ${id}`);
    const inputs = { pkg, framework, hashedEnv, externalDepsHash, taskFiles, globalHash };
    results.set(id, hashTask(scope, task, inputs, results));
  }
  return results;
}

/** One task's inputs, worked out by `hashTasks`. */
interface TaskInputs {
  readonly pkg: PackageInfo;
  readonly framework: ReturnType<typeof inferFramework>;
  readonly hashedEnv: DetailedEnv;
  readonly externalDepsHash: string | null;
  readonly taskFiles: { readonly hash: string; readonly files: TaskHashExplanation["inputs"] };
  readonly globalHash: string;
}

/** One task's hashable, hash and explanation; its dependencies are in `results` already. */
function hashTask(
  scope: RunScope,
  task: HashRunTask,
  inputs: TaskInputs,
  results: ReadonlyMap<string, HashedTask>,
): HashedTask {
  const { single, envMode } = scope;
  const { pkg, framework, hashedEnv, externalDepsHash, taskFiles, globalHash } = inputs;
  const deps = task.dependencies.map((dep) => ({
    taskId: dep,
    hash: dependencyHash(results, task.id, dep),
  }));
  const hashable = buildTaskHashable({
    globalHash,
    dependencyHashes: deps.map((d) => d.hash),
    packageDir: single || pkg.dir === "" ? null : pkg.dir,
    hashOfFiles: taskFiles.hash,
    externalDepsHash,
    task: task.task,
    outputs: task.outputs,
    passThruArgs: scope.options.passThruArgs ?? [],
    env: task.env,
    resolvedEnv: hashedEnv.all,
    passThroughEnv: task.passThroughEnv,
    envMode,
  });
  const hash = scope.hasher.task(hashable);
  const explanation: TaskHashExplanation = {
    taskId: task.id,
    task: task.task,
    package: single ? "" : pkg.name,
    hash,
    globalHash,
    packageDir: hashable.packageDir,
    inputs: taskFiles.files,
    hashOfFiles: taskFiles.hash,
    hashOfExternalDependencies: externalDepsHash,
    dependencies: deps,
    outputs: hashable.outputs,
    passThruArgs: hashable.passThruArgs,
    envMode,
    framework: framework?.slug ?? "",
    environmentVariables: displayEnv(scope.env, task, hashedEnv),
  };
  return { hash, explanation, hashedEnv: hashedEnv.all };
}

function dependencyHash(results: ReadonlyMap<string, HashedTask>, id: string, dep: string): string {
  const hash = results.get(dep)?.hash;
  if (hash !== undefined) return hash;
  throw new HasherError(
    "ERR_HASHER_MISSING_DEPENDENCY_HASH",
    `${id} depends on ${dep}, which is not in the task list`,
    { hint: "Pass every task of the graph, dependencies included." },
  );
}

function displayEnv(
  env: EnvMap,
  task: HashRunTask,
  hashed: DetailedEnv,
): TaskHashExplanation["environmentVariables"] {
  const passThrough = task.passThroughEnv;
  return {
    specified: {
      env: sortedUtf8(task.env),
      passThroughEnv: passThrough === null ? null : sortedUtf8(passThrough),
    },
    configured: toSecretPairs(hashed.explicit),
    inferred: toSecretPairs(hashed.matching),
    passthrough: passThrough === null ? null : toSecretPairs(fromWildcards(env, passThrough)),
  };
}
