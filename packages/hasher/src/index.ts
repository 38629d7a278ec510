export { gitBlobSha1 } from "./blob-hash.js";
export { compareUtf8, sortedUtf8 } from "./byte-order.js";
export { type ClosureChanges, diffClosures, lockfilePackageName } from "./closure-diff.js";
export { describeMissReason, describeMissReasons, type DescribeOptions } from "./describe-miss.js";
export { envMapOf, toHashablePairs, toSecretPairs } from "./env-pairs.js";
export {
  DEFAULT_GLOBAL_ENV_VARS,
  type DetailedEnv,
  globalHashableEnv,
  type TaskEnvInput,
  taskHashableEnv,
} from "./env-resolve.js";
export {
  compileWildcards,
  type EnvMap,
  fromWildcards,
  wildcardMaps,
  wildcardToRegexSource,
} from "./env-wildcards.js";
export { HasherError, type HasherErrorCode } from "./errors.js";
export {
  diffExplanations,
  type ExplainedField,
  type GlobalHashExplanation,
  type HashChange,
  type TaskEnvironmentVariables,
  type TaskHashExplanation,
} from "./explanation.js";
export { type Framework, frameworkEnvWildcards, FRAMEWORKS, inferFramework } from "./frameworks.js";
export type { FileListing } from "./git-listing.js";
export {
  defaultWorkspaceExclusions,
  globalFileHashes,
  type GlobalFilesInput,
  type PackageManagerName,
} from "./global-files.js";
export {
  buildGlobalHashable,
  GLOBAL_CACHE_KEY,
  type GlobalCacheInputs,
  type GlobalHashInput,
  type GlobalHashParts,
} from "./global-hash.js";
export { hashRun } from "./hash-run.js";
export type {
  HashedTask,
  HashRunOptions,
  HashRunResult,
  HashRunTask,
  HashRunWorkspace,
  PackageInfo,
} from "./hash-run-types.js";
export { hashRunTask, hashTaskGraph, type HashTaskGraphOptions } from "./hash-task-graph.js";
export type { EnvMode, GlobalHashable, LockfileEntry, TaskHashable } from "./hashables.js";
export { Hasher } from "./hasher.js";
export { parseTaskInputs, type TaskInputSpec } from "./inputs.js";
export {
  type CommittedArtifact,
  type EnvChange,
  type FileChanges,
  type GlobalSetting,
  HASHED_DEFINITION_KEYS,
  type MissReason,
} from "./miss-reason.js";
export {
  type DependencyStates,
  explainChanges,
  explainMiss,
  type ExplainMissInput,
} from "./miss-reasons.js";
export { packageInputFiles } from "./package-inputs.js";
export { RepoIndex } from "./repo-index.js";
export { BUILTIN_PASS_THROUGH_ENV, type RuntimeEnvInput, taskRuntimeEnv } from "./runtime-env.js";
export { buildTaskHashable, hashableOutputs, type TaskHashInput } from "./task-hash.js";
export {
  parseTaskRecord,
  TASK_RECORD_FORMAT,
  TASK_RECORD_VERSION,
  type TaskHashState,
  type TaskRecord,
  type TaskRecordOutcome,
} from "./task-record.js";
