import { compareUtf8 } from "./byte-order.js";
import type { GlobalCacheInputs } from "./global-hash.js";
import type { EnvMode } from "./hashables.js";

/** The dry run's per-task `environmentVariables` (values shown as sha256, never raw). */
export interface TaskEnvironmentVariables {
  readonly specified: { readonly env: string[]; readonly passThroughEnv: string[] | null };
  /** `K=sha256(V)` of the task's own `env` matches. */
  readonly configured: string[];
  /** `K=sha256(V)` of the framework-inferred matches. */
  readonly inferred: string[];
  /** `K=sha256(V)` of the `passThroughEnv` matches; null when the key is absent. */
  readonly passthrough: string[] | null;
}

/**
 * Every input of one task hash, with its value or digest: what `--dry=json` prints per task and
 * what `diffExplanations` compares to say why a task missed. Holds no raw env values.
 */
export interface TaskHashExplanation {
  readonly taskId: string;
  readonly task: string;
  /** Package name ("//" for the root package; "" in single-package mode). */
  readonly package: string;
  readonly hash: string;
  readonly globalHash: string;
  readonly packageDir: string | null;
  /** The task's file map (the dry run's `inputs`) as entries, keys in byte order. */
  readonly inputs: readonly (readonly [string, string])[];
  readonly hashOfFiles: string;
  /** Null in single-package mode (the dry run prints ""). */
  readonly hashOfExternalDependencies: string | null;
  /** Direct task-graph dependencies and their hashes. */
  readonly dependencies: readonly { readonly taskId: string; readonly hash: string }[];
  readonly outputs: {
    readonly inclusions: readonly string[];
    readonly exclusions: readonly string[];
  };
  readonly passThruArgs: readonly string[];
  readonly envMode: EnvMode;
  /** Inferred framework slug, "" when none. */
  readonly framework: string;
  readonly environmentVariables: TaskEnvironmentVariables;
}

/**
 * Every input of the global hash in displayable form (env values as sha256 only): the dry run's
 * `globalCacheInputs` plus the run-level settings that are hashed but not shown there.
 */
export interface GlobalHashExplanation {
  readonly hash: string;
  readonly inputs: GlobalCacheInputs;
  /** turbo.json `globalDependencies` as written (the files they matched are in `inputs.files`). */
  readonly globalDependencies: readonly string[];
  readonly envMode: EnvMode;
  readonly frameworkInference: boolean;
  /** `futureFlags.globalConfiguration`. */
  readonly globalConfiguration: boolean;
}

/** One reason two explanations of the same task hash differently. */
export type HashChange =
  | { readonly kind: "file-added"; readonly path: string; readonly hash: string }
  | { readonly kind: "file-removed"; readonly path: string; readonly hash: string }
  | {
      readonly kind: "file-changed";
      readonly path: string;
      readonly before: string;
      readonly after: string;
    }
  | {
      readonly kind: "dependency-changed";
      readonly taskId: string;
      readonly before: string | undefined;
      readonly after: string | undefined;
    }
  | {
      readonly kind: "field-changed";
      readonly field: ExplainedField;
      readonly before: unknown;
      readonly after: unknown;
    };

export type ExplainedField =
  | "globalHash"
  | "packageDir"
  | "hashOfExternalDependencies"
  | "task"
  | "outputs"
  | "passThruArgs"
  | "envMode"
  | "framework"
  | "environmentVariables";

const FIELDS: readonly ExplainedField[] = [
  "globalHash",
  "packageDir",
  "hashOfExternalDependencies",
  "task",
  "outputs",
  "passThruArgs",
  "envMode",
  "framework",
  "environmentVariables",
];

/**
 * Why `after` hashes differently from `before`: files, dependencies, then other fields. File ids
 * compare by their common prefix, so a stored explanation that keeps shortened blob ids (task
 * records do) compares with a full one.
 */
export function diffExplanations(
  before: TaskHashExplanation,
  after: TaskHashExplanation,
): HashChange[] {
  const changes: HashChange[] = [];
  const beforeFiles = new Map(before.inputs);
  const afterFiles = new Map(after.inputs);
  const paths = [...new Set([...beforeFiles.keys(), ...afterFiles.keys()])];
  for (const path of paths.sort(compareUtf8)) {
    const was = beforeFiles.get(path);
    const now = afterFiles.get(path);
    if (was === now || (was !== undefined && now !== undefined && samePrefix(was, now))) continue;
    if (was === undefined) changes.push({ kind: "file-added", path, hash: now as string });
    else if (now === undefined) changes.push({ kind: "file-removed", path, hash: was });
    else changes.push({ kind: "file-changed", path, before: was, after: now });
  }
  const deps = new Map<string, [string | undefined, string | undefined]>();
  for (const d of before.dependencies) deps.set(d.taskId, [d.hash, undefined]);
  for (const d of after.dependencies) deps.set(d.taskId, [deps.get(d.taskId)?.[0], d.hash]);
  for (const [taskId, [was, now]] of [...deps].sort((x, y) => compareUtf8(x[0], y[0]))) {
    if (was !== now) changes.push({ kind: "dependency-changed", taskId, before: was, after: now });
  }
  for (const field of FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes.push({ kind: "field-changed", field, before: before[field], after: after[field] });
    }
  }
  return changes;
}

function samePrefix(a: string, b: string): boolean {
  return a.length < b.length ? b.startsWith(a) : a.startsWith(b);
}
