import { compareUtf8, sortedUtf8 } from "./byte-order.js";
import { toHashablePairs } from "./env-pairs.js";
import type { EnvMap } from "./env-wildcards.js";
import type { EnvMode, TaskHashable } from "./hashables.js";

export interface TaskHashInput {
  readonly globalHash: string;
  /** Hashes of the task's direct task-graph dependencies (any order, duplicates allowed). */
  readonly dependencyHashes: Iterable<string>;
  /** Repo-relative package dir; null for the root package and in single-package mode. */
  readonly packageDir: string | null;
  /** `FileHashes(taskFiles).hash()`. */
  readonly hashOfFiles: string;
  /** Null in single-package mode. */
  readonly externalDepsHash: string | null;
  /** Task name without the package, e.g. `build:prod`. */
  readonly task: string;
  /** The task's `outputs` globs (with `!` exclusions). */
  readonly outputs: readonly string[];
  /** Args after `--`; turbo 2.11.13 hashes them into every task of the run. */
  readonly passThruArgs: readonly string[];
  /** The task's `env` patterns. */
  readonly env: readonly string[];
  /** The resolved env vars hashed into the task (raw values). */
  readonly resolvedEnv: EnvMap;
  /** The task's `passThroughEnv` patterns; null when absent. */
  readonly passThroughEnv: readonly string[] | null;
  readonly envMode: EnvMode;
}

/**
 * `hashable_outputs`: inclusions are the task's log file (`.turbo/turbo-<task>.log`, `:` written as
 * `$colon$`) plus the positive outputs, exclusions the `!` outputs without the `!`; both sorted.
 */
export function hashableOutputs(
  task: string,
  outputs: readonly string[],
): { inclusions: string[]; exclusions: string[] } {
  const inclusions = [`.turbo/turbo-${task.split(":").join("$colon$")}.log`];
  const exclusions: string[] = [];
  for (const output of outputs) {
    if (output.startsWith("!")) exclusions.push(output.slice(1));
    else inclusions.push(output);
  }
  return { inclusions: inclusions.sort(compareUtf8), exclusions: exclusions.sort(compareUtf8) };
}

/** Assembles the task hashable (§1.9) with turbo's ordering and null-vs-empty rules. */
export function buildTaskHashable(input: TaskHashInput): TaskHashable {
  return {
    globalHash: input.globalHash,
    taskDependencyHashes: sortedUtf8(new Set(input.dependencyHashes)),
    packageDir: input.packageDir,
    hashOfFiles: input.hashOfFiles,
    externalDepsHash: input.externalDepsHash,
    task: input.task,
    outputs: hashableOutputs(input.task, input.outputs),
    passThruArgs: input.passThruArgs,
    env: sortedUtf8(input.env),
    resolvedEnvVars: toHashablePairs(input.resolvedEnv),
    passThruEnv: input.envMode === "loose" ? [] : sortedUtf8(input.passThroughEnv ?? []),
    envMode: input.envMode,
  };
}
