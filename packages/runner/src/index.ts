export {
  type CacheAdminOptions,
  cacheStatusOf,
  type CacheTarget,
  cacheTarget,
  pruneCache,
} from "./cache-admin.js";
export { describePackages, type PackageDetail } from "./describe-packages.js";
// What `turbine cache` and the `-v` eviction line render.
export { dryRun, type DryRunOutcome } from "./dry-run.js";
export { RunnerError, type RunnerErrorCode, unreachable } from "./errors.js";
export type { RemoteCacheState, RunEvent, RunEventListener, TaskCacheStatus } from "./events.js";
export {
  executeTask,
  type ExecuteTaskContext,
  type TaskCache,
  type TaskFacts,
} from "./execute-task.js";
export { DirectExecution, type DirectExecutionOptions } from "./execution/direct-execution.js";
export { packageManagerExecution, runArgs } from "./execution/package-manager-execution.js";
export type {
  ExecutionMode,
  ScriptIo,
  ScriptTask,
  TaskExecution,
} from "./execution/task-execution.js";
export { type ChangeMappingOptions, mapChangedFiles } from "./filter/changed-packages.js";
export { FilterGraph, type FilterPackage, ROOT } from "./filter/filter-graph.js";
export { gitChangedFiles } from "./filter/git-changed-files.js";
export { type FilterSelector, type GitRange, parseFilter } from "./filter/parse-filter.js";
export { type ResolveFilterOptions, resolveFilters } from "./filter/resolve-filter.js";
export { renderWithGraphviz } from "./graphviz.js";
export {
  availableTasks,
  configuredTasks,
  listPackages,
  type PackageListing,
} from "./list-packages.js";
export { logFileName, logFilePath, readLogLines } from "./log-file.js";
export { globOutputs, type OutputGlobs, splitOutputs } from "./outputs.js";
export { planRun, type RunPlan } from "./plan-run.js";
export type { OutputLogsMode, PlannedTask } from "./planned-task.js";
export { type TaskInterrupt } from "./process/interrupt-process-group.js";
export { spawnTask, type SpawnTaskOptions } from "./process/spawn-task.js";
export {
  type ArtifactLookup,
  forcedBy,
  type MissCause,
  missCause,
  MissExplainer,
  type MissExplainerOptions,
  type MissExplanation,
} from "./records/miss-explainer.js";
export {
  TASK_RECORDS_DIR,
  type TaskRecordIndexEntry,
  TaskRecordStore,
} from "./records/record-store.js";
export { type FinishedTask, RunRecorder, taskRecordsEnabled } from "./records/run-recorder.js";
export { RECORD_PRODUCER, taskHashState, taskRecord } from "./records/task-states.js";
export { findRepoRoot } from "./repo-root.js";
export { resolveSettings, type RunSettings } from "./resolve-settings.js";
export { run, type RunOutcome, type RunStats } from "./run.js";
export type { RunOptions } from "./run-options.js";
export { cacheDurations } from "./scheduler/cache-durations.js";
export { criticalPathLengths, type TaskDurations } from "./scheduler/critical-path.js";
export {
  type ContinueMode,
  parseConcurrency,
  parseContinueMode,
} from "./scheduler/run-options-parse.js";
export { type SchedulableTask, schedule, type ScheduleOptions } from "./scheduler/schedule.js";
export { ksuid } from "./summary/ksuid.js";
export type {
  RecordTask,
  RunExecutionSummary,
  TaskCacheSummary,
  TaskExecutionSummary,
} from "./summary/run-record.js";
export { runRecord, type RunRecordInput } from "./summary/run-record.js";
export {
  graphDeprecation,
  graphFileOf,
  type GraphFormat,
  needsGraphviz,
  planTaskGraph,
  renderTaskGraph,
} from "./task-graph-output.js";
export { runExitCode, type TaskResult } from "./task-result.js";
export { COMPATIBLE_TURBO_VERSION, SUMMARY_TURBO_VERSION, TURBINE_VERSION } from "./version.js";
export { why, type WhyOptions, type WhyOutcome } from "./why.js";
// The miss reasons' words, for front ends that render explanations (the CLI sees only the runner).
export {
  type CacheStatus,
  describeBudget,
  type EvictionProgress,
  type EvictionReport,
  formatBytes,
  formatDuration,
} from "@turbine/cache";
export { describeMissReason, describeMissReasons, type MissReason } from "@turbine/hasher";
