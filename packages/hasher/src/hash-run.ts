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
  const { workspace: ws } = options;
  const env = toEnvMap(options.env);
  const envMode = options.envMode ?? "strict";
  const globalEnv = options.globalEnv ?? [];
  const single = ws.singlePackage;
  const [index, hasher] = await Promise.all([
    options.index ?? RepoIndex.create(ws.root),
    options.hasher ?? Hasher.create(),
  ]);
  const packageOf = (name: string): PackageInfo => {
    const pkg = name === ROOT ? ws.rootPackage : ws.packages.get(name);
    if (pkg !== undefined) return pkg;
    throw new HasherError(
      "ERR_HASHER_UNKNOWN_PACKAGE",
      `task graph names unknown package "${name}"`,
      {
        hint: "Build the task graph from the same workspace that is being hashed.",
      },
    );
  };
  const externalHash = (name: string): string | null =>
    single ? null : hasher.externalDepsHash(ws.externalClosure(name) ?? []);

  const [globalFiles, files] = await Promise.all([
    globalFileHashes(index, {
      globs: options.globalDependencies ?? [],
      workspaceExclusions: workspaceExclusions(ws),
      singlePackage: single,
      lockfileName: ws.packageManager.lockfileName,
    }),
    taskFileMaps(index, hasher, options.tasks, (t) => (single ? "" : packageOf(t.package).dir)),
  ]);
  const global = buildGlobalHashable({
    globalFiles,
    rootExternalDepsHash: externalHash(ROOT),
    rootInternalDepsHash: single ? null : internalDepsHash(ws, index, hasher),
    globalEnv,
    globalPassThroughEnv: options.globalPassThroughEnv ?? null,
    envMode,
    frameworkInference: options.frameworkInference ?? true,
    engines: ws.rootPackage.packageJson.engines,
    globalConfiguration: options.globalConfiguration ?? false,
    env,
  });
  const globalHash = hasher.global(global.hashable);

  const byId = new Map(options.tasks.map((t) => [t.id, t]));
  const envMemo = new Map<string, DetailedEnv>();
  const externalMemo = new Map<string, string | null>();
  const results = new Map<string, HashedTask>();
  for (const id of topologicalOrder(options.tasks)) {
    const task = byId.get(id) as HashRunTask;
    const pkg = packageOf(task.package);
    const framework =
      options.frameworkInference === false
        ? undefined
        : inferFramework(
            single ? pkg.packageJson.dependencies : ws.graph.externalDependencies(pkg.name),
          );
    const envKey = `${framework?.slug ?? ""}\0${task.env.join("\0")}`;
    let hashedEnv = envMemo.get(envKey);
    if (hashedEnv === undefined) {
      hashedEnv = taskHashableEnv(env, { taskEnv: task.env, globalEnv, framework });
      envMemo.set(envKey, hashedEnv);
    }
    let externalDepsHash = externalMemo.get(pkg.name);
    if (externalDepsHash === undefined) {
      externalDepsHash = externalHash(pkg.name);
      externalMemo.set(pkg.name, externalDepsHash);
    }
    const taskFiles = files.get(id);
    if (taskFiles === undefined) throw new Error(`unreachable: no file map for ${id}`);
    const deps = task.dependencies.map((dep) => ({
      taskId: dep,
      hash: dependencyHash(results, id, dep),
    }));
    const hashable = buildTaskHashable({
      globalHash,
      dependencyHashes: deps.map((d) => d.hash),
      packageDir: single || pkg.dir === "" ? null : pkg.dir,
      hashOfFiles: taskFiles.hash,
      externalDepsHash,
      task: task.task,
      outputs: task.outputs,
      passThruArgs: options.passThruArgs ?? [],
      env: task.env,
      resolvedEnv: hashedEnv.all,
      passThroughEnv: task.passThroughEnv,
      envMode,
    });
    const hash = hasher.task(hashable);
    const explanation: TaskHashExplanation = {
      taskId: id,
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
      environmentVariables: displayEnv(env, task, hashedEnv),
    };
    results.set(id, { hash, explanation, hashedEnv: hashedEnv.all });
  }
  return {
    globalHash,
    globalInputs: global.cacheInputs,
    global: {
      hash: globalHash,
      inputs: global.cacheInputs,
      globalDependencies: options.globalDependencies ?? [],
      envMode,
      frameworkInference: options.frameworkInference ?? true,
      globalConfiguration: options.globalConfiguration ?? false,
    },
    globalEnv: global.env,
    tasks: results,
    index,
  };
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
