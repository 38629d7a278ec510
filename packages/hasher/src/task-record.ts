import type { GlobalHashExplanation, TaskHashExplanation } from "./explanation.js";
import type { LockfileEntry } from "./hashables.js";

/** The `format` of a task record: a reader refuses anything else as foreign. */
export const TASK_RECORD_FORMAT = "turbine-task-record";
/** Bumped on any change a version-1 reader would misread; readers take their own version only. */
export const TASK_RECORD_VERSION = 1;

/**
 * Everything one task hash was computed from, in displayable form (env values as sha256 only):
 * what a miss is explained with, for the current state and for a recorded run alike.
 */
export interface TaskHashState {
  readonly explanation: TaskHashExplanation;
  /** The task's resolved turbo.json definition (the dry run's `resolvedTaskDefinition`). */
  readonly definition: Readonly<Record<string, unknown>>;
  /** The global hash's inputs; null when unknown (a record whose shared part was lost). */
  readonly global: GlobalHashExplanation | null;
  /** The root package's external closure (the global hash's root dependencies); null if unknown. */
  readonly rootClosure: readonly LockfileEntry[] | null;
  /** The package's external closure; null in single-package mode or when unknown. */
  readonly closure: readonly LockfileEntry[] | null;
}

/** How the recorded run ended for this task. */
export interface TaskRecordOutcome {
  /** `restored`: from the cache; `no-script`: the package has no such script (a no-op task). */
  readonly status: "executed" | "restored" | "failed" | "no-script";
  /** The process's exit code (0 for restored and no-op tasks); null when it never started. */
  readonly exitCode: number | null;
  /**
   * Executed or failed: the task's wall time. Restored: the duration its cache entry recorded
   * (the original execution). No-op: 0.
   */
  readonly durationMs: number;
  /** An artifact for `hash` was saved (executed) or restored from (restored). */
  readonly cached: boolean;
}

/** The record of a task's last real run: its hash state plus how the run went. */
export interface TaskRecord extends TaskHashState {
  readonly format: typeof TASK_RECORD_FORMAT;
  readonly version: typeof TASK_RECORD_VERSION;
  /** Equal to `explanation.taskId`. */
  readonly taskId: string;
  /** Equal to `explanation.hash`. */
  readonly hash: string;
  /** ISO 8601 UTC time the task finished. */
  readonly recordedAt: string;
  /** The program and version that wrote the record, e.g. `turbine 0.1.0`. */
  readonly producer: string;
  /** HEAD when the run started; null outside git. */
  readonly scm: { readonly sha: string; readonly branch: string } | null;
  readonly outcome: TaskRecordOutcome;
}

/**
 * A task record from parsed JSON, or undefined when it is not a whole, well-formed record of this
 * format and version (corrupt, truncated, foreign, or from another version): callers treat that as
 * "no previous run". Checks every field the explanation reads, so a bad file cannot throw later.
 */
export function parseTaskRecord(value: unknown): TaskRecord | undefined {
  if (!isObject(value)) return undefined;
  if (value.format !== TASK_RECORD_FORMAT || value.version !== TASK_RECORD_VERSION)
    return undefined;
  const { taskId, hash, recordedAt, producer, scm, outcome } = value;
  if (!isString(taskId) || !isString(hash) || !isString(recordedAt) || !isString(producer)) {
    return undefined;
  }
  if (scm !== null && !(isObject(scm) && isString(scm.sha) && isString(scm.branch))) {
    return undefined;
  }
  if (!isOutcome(outcome) || !isObject(value.definition)) return undefined;
  const explanation = value.explanation;
  if (!isExplanation(explanation) || explanation.taskId !== taskId || explanation.hash !== hash) {
    return undefined;
  }
  if (value.global !== null && !isGlobal(value.global)) return undefined;
  if (!isClosureOrNull(value.rootClosure) || !isClosureOrNull(value.closure)) return undefined;
  return value as unknown as TaskRecord;
}

function isOutcome(value: unknown): boolean {
  return (
    isObject(value) &&
    ["executed", "restored", "failed", "no-script"].includes(value.status as string) &&
    (value.exitCode === null || typeof value.exitCode === "number") &&
    typeof value.durationMs === "number" &&
    typeof value.cached === "boolean"
  );
}

function isExplanation(value: unknown): value is TaskHashExplanation {
  if (!isObject(value)) return false;
  const env = value.environmentVariables;
  return (
    isString(value.taskId) &&
    isString(value.hash) &&
    isString(value.globalHash) &&
    (value.packageDir === null || isString(value.packageDir)) &&
    Array.isArray(value.inputs) &&
    value.inputs.every((e) => Array.isArray(e) && e.length === 2 && e.every(isString)) &&
    (value.hashOfExternalDependencies === null || isString(value.hashOfExternalDependencies)) &&
    Array.isArray(value.dependencies) &&
    value.dependencies.every((d) => isObject(d) && isString(d.taskId) && isString(d.hash)) &&
    isObject(value.outputs) &&
    isStrings(value.outputs.inclusions) &&
    isStrings(value.outputs.exclusions) &&
    isStrings(value.passThruArgs) &&
    isString(value.envMode) &&
    isString(value.framework) &&
    isEnvBlock(env)
  );
}

function isGlobal(value: unknown): boolean {
  if (!isObject(value) || !isObject(value.inputs)) return false;
  const { inputs } = value;
  return (
    isString(value.hash) &&
    isStrings(value.globalDependencies) &&
    isString(value.envMode) &&
    typeof value.frameworkInference === "boolean" &&
    typeof value.globalConfiguration === "boolean" &&
    isObject(inputs.files) &&
    Object.values(inputs.files).every(isString) &&
    isString(inputs.hashOfExternalDependencies) &&
    isString(inputs.hashOfInternalDependencies) &&
    isEnvBlock(inputs.environmentVariables) &&
    (inputs.engines === null || isObject(inputs.engines))
  );
}

function isEnvBlock(value: unknown): boolean {
  return (
    isObject(value) &&
    isObject(value.specified) &&
    isStrings(value.specified.env) &&
    (value.specified.passThroughEnv === null || isStrings(value.specified.passThroughEnv)) &&
    isStrings(value.configured) &&
    isStrings(value.inferred) &&
    (value.passthrough === null || isStrings(value.passthrough))
  );
}

function isClosureOrNull(value: unknown): boolean {
  return (
    value === null ||
    (Array.isArray(value) &&
      value.every((e) => isObject(e) && isString(e.key) && isString(e.version)))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}
