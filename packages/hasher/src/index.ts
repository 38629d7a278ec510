export { gitBlobSha1 } from "./blob-hash.js";
export { compareUtf8 } from "./byte-order.js";
export { type ClosureChanges } from "./closure-diff.js";
export { describeMissReason, describeMissReasons, type DescribeOptions } from "./describe-miss.js";
export { envMapOf } from "./env-pairs.js";
export { type DetailedEnv } from "./env-resolve.js";
export { type EnvMap } from "./env-wildcards.js";
export { HasherError, type HasherErrorCode } from "./errors.js";
export {
  type GlobalHashExplanation,
  type TaskEnvironmentVariables,
  type TaskHashExplanation,
} from "./explanation.js";
export { type FileListing } from "./git-listing.js";
export { type GlobalCacheInputs } from "./global-hash.js";
export { type HashedTask, type HashRunResult } from "./hash-run-types.js";
export { hashTaskGraph, type HashTaskGraphOptions } from "./hash-task-graph.js";
export { type GlobalHashable, type LockfileEntry, type TaskHashable } from "./hashables.js";
export { Hasher } from "./hasher.js";
export {
  type CommittedArtifact,
  type EnvChange,
  type FileChanges,
  type GlobalSetting,
  type MissReason,
} from "./miss-reason.js";
export {
  type DependencyStates,
  explainChanges,
  explainMiss,
  type ExplainMissInput,
} from "./miss-reasons.js";
export { RepoIndex } from "./repo-index.js";
export { type RuntimeEnvInput, taskRuntimeEnv } from "./runtime-env.js";
export {
  parseTaskRecord,
  TASK_RECORD_FORMAT,
  TASK_RECORD_VERSION,
  type TaskHashState,
  type TaskRecord,
  type TaskRecordOutcome,
} from "./task-record.js";
