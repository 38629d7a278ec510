import type { EvictionReport } from "@turbine/cache";
import type { GlobalCacheInputs, TaskHashExplanation } from "@turbine/hasher";
import type { TaskNode } from "@turbine/workspace";

import type { MissExplanation } from "../records/miss-explainer.js";
import { evictionRecord } from "./eviction-record.js";
import { missExplanationField } from "./miss-explanation-field.js";

/** A task's `cache` block: what the cache holds for its hash (dry run) or what the run found. */
export interface TaskCacheSummary {
  readonly local: boolean;
  readonly remote: boolean;
  readonly status: "HIT" | "MISS";
  readonly source?: "LOCAL" | "REMOTE";
  readonly timeSaved: number;
  readonly sha?: string;
  readonly dirtyHash?: string;
}

/** A task's `execution` block (summary only). */
export interface TaskExecutionSummary {
  readonly startTime: number;
  readonly endTime: number;
  readonly error?: string;
  readonly exitCode: number | null;
}

/** The run-level `execution` block (summary only). */
export interface RunExecutionSummary {
  readonly command: string;
  readonly repoPath: string;
  readonly success: number;
  readonly failed: number;
  readonly cached: number;
  readonly attempted: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly exitCode: number;
}

export interface RecordTask {
  readonly node: TaskNode;
  readonly explanation: TaskHashExplanation;
  /** Why the hash is deferred (then printed as null, as turbo does); undefined otherwise. */
  readonly hashReason?: string | undefined;
  /** The `command` field: the script, `<NONEXISTENT>` or `<OPT OUT>`. */
  readonly command: string;
  readonly cache: TaskCacheSummary;
  readonly cliArguments: readonly string[];
  readonly logFile: string;
  readonly directory: string;
  readonly expandedOutputs: readonly string[];
  readonly execution?: TaskExecutionSummary;
  /** Turbine's own field (`missExplanation`): why the task missed, null when it hit. */
  readonly missExplanation?: MissExplanation | null;
}

export interface RunRecordInput {
  readonly id: string;
  readonly turboVersion: string;
  readonly singlePackage: boolean;
  readonly globalCacheInputs: GlobalCacheInputs;
  readonly execution?: RunExecutionSummary;
  readonly packages: readonly string[];
  readonly envMode: "strict" | "loose";
  readonly frameworkInference: boolean;
  /** In turbo's order: by task id, bytewise. */
  readonly tasks: readonly RecordTask[];
  readonly scm: { readonly type: "git"; readonly sha: string; readonly branch: string } | null;
  /** Local cache eviction at the end of the run (`turbineCacheEviction`, Turbine's own key). */
  readonly eviction?: EvictionReport;
}

/**
 * The `--dry=json` / `--summarize` document, with turbo 2.11.13's keys in turbo's order (key
 * order is part of the format: tools diff these files). Single-package runs drop `packages` and
 * the per-task `package` and `directory`, as turbo does.
 */
export function runRecord(input: RunRecordInput): Record<string, unknown> {
  const single = input.singlePackage;
  return {
    id: input.id,
    version: "1",
    turboVersion: input.turboVersion,
    monorepo: !single,
    globalCacheInputs: input.globalCacheInputs,
    ...(input.execution === undefined ? {} : { execution: input.execution }),
    ...(single ? {} : { packages: input.packages }),
    envMode: input.envMode,
    frameworkInference: input.frameworkInference,
    tasks: input.tasks.map((task) => taskRecord(task, single)),
    user: "",
    scm: input.scm,
    ...(input.eviction === undefined
      ? {}
      : { turbineCacheEviction: evictionRecord(input.eviction) }),
  };
}

function taskRecord(task: RecordTask, single: boolean): Record<string, unknown> {
  const { node, explanation } = task;
  const { inclusions, exclusions } = node.definition.outputs;
  return {
    taskId: node.id,
    task: node.task,
    ...(single ? {} : { package: node.package }),
    ...(task.hashReason === undefined
      ? { hash: explanation.hash }
      : { hash: null, hashReason: task.hashReason }),
    // Byte-ordered entries; an all-digit file name would be moved first by JS key order.
    inputs: Object.fromEntries(explanation.inputs),
    hashOfExternalDependencies: explanation.hashOfExternalDependencies ?? "",
    cache: task.cache,
    command: task.command,
    cliArguments: task.cliArguments,
    outputs: inclusions.length === 0 ? null : inclusions,
    excludedOutputs: exclusions.length === 0 ? null : exclusions,
    // turbo leaves the log file out of tasks with `cache: false`.
    ...(node.definition.cache ? { logFile: task.logFile } : {}),
    ...(single ? {} : { directory: task.directory }),
    dependencies: node.dependencies,
    dependents: node.dependents,
    with: node.definition.with,
    resolvedTaskDefinition: node.definition.resolvedTaskDefinition,
    expandedOutputs: task.expandedOutputs,
    framework: explanation.framework,
    envMode: explanation.envMode,
    environmentVariables: explanation.environmentVariables,
    ...(task.execution === undefined ? {} : { execution: task.execution }),
    ...missExplanationField(task.missExplanation),
  };
}
