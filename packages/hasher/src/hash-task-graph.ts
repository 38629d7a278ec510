import type { TaskGraph, TaskNode, TurboConfig, Workspace } from "@turbine/workspace";

import type { EnvMap } from "./env-wildcards.js";
import { hashRun } from "./hash-run.js";
import type { HashRunResult, HashRunTask } from "./hash-run-types.js";
import type { EnvMode } from "./hashables.js";
import type { Hasher } from "./hasher.js";
import type { RepoIndex } from "./repo-index.js";

export interface HashTaskGraphOptions {
  readonly workspace: Workspace;
  readonly config: TurboConfig;
  readonly graph: TaskGraph;
  /** The environment at start-up (default: `process.env`). */
  readonly env?: EnvMap | Readonly<Record<string, string | undefined>>;
  /** Args after `--`; hashed into every task of the run. */
  readonly passThruArgs?: readonly string[];
  /** `--env-mode` / `TURBO_ENV_MODE`; default: turbo.json `envMode`, else strict. */
  readonly envMode?: EnvMode;
  /** `--framework-inference` (default true). */
  readonly frameworkInference?: boolean;
  readonly index?: RepoIndex | Promise<RepoIndex>;
  readonly hasher?: Hasher;
}

/** The hash-relevant part of a task-graph node. */
export function hashRunTask(node: TaskNode): HashRunTask {
  const { definition } = node;
  return {
    id: node.id,
    package: node.package,
    task: node.task,
    dependencies: node.dependencies,
    env: definition.env,
    passThroughEnv: definition.passThroughEnv,
    inputs: definition.inputs,
    outputs: [
      ...definition.outputs.inclusions,
      ...definition.outputs.exclusions.map((glob) => `!${glob}`),
    ],
  };
}

/**
 * Hashes a whole run from @turbine/workspace's model: the workspace, its validated turbo.json
 * configuration and the task graph of the requested tasks. This is the path `turbine run` takes.
 * There is no `--global-deps` option: turbo 2.11.13 accepts the flag but leaves its globs out of
 * `globalDependencies` and every hash (its dry run's `globalCacheInputs.files` stay the same).
 */
export function hashTaskGraph(options: HashTaskGraphOptions): Promise<HashRunResult> {
  const { root } = options.config;
  return hashRun({
    workspace: options.workspace,
    tasks: [...options.graph.nodes.values()].map(hashRunTask),
    globalDependencies: root.globalDependencies,
    globalEnv: root.globalEnv,
    globalPassThroughEnv: root.globalPassThroughEnv,
    envMode: options.envMode ?? root.envMode ?? "strict",
    frameworkInference: options.frameworkInference ?? true,
    passThruArgs: options.passThruArgs ?? [],
    globalConfiguration: root.futureFlags.globalConfiguration,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.index === undefined ? {} : { index: options.index }),
    ...(options.hasher === undefined ? {} : { hasher: options.hasher }),
  });
}
