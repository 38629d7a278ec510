export { dryRun, type DryRunOutcome } from "./dry-run.js";
export { RunnerError, type RunnerErrorCode, unreachable } from "./errors.js";
export type { RemoteCacheState, RunEvent, RunEventListener, TaskCacheStatus } from "./events.js";
export {
  executeTask,
  type ExecuteTaskContext,
  type TaskCache,
  type TaskFacts,
} from "./execute-task.js";
export { type ChangeMappingOptions, mapChangedFiles } from "./filter/changed-packages.js";
export { FilterGraph, type FilterPackage, ROOT } from "./filter/filter-graph.js";
export { gitChangedFiles } from "./filter/git-changed-files.js";
export { type FilterSelector, type GitRange, parseFilter } from "./filter/parse-filter.js";
export { type ResolveFilterOptions, resolveFilters } from "./filter/resolve-filter.js";
export { availableTasks, listPackages, type PackageListing } from "./list-packages.js";
export { logFileName, logFilePath, readLogLines } from "./log-file.js";
export { globOutputs, type OutputGlobs, splitOutputs } from "./outputs.js";
export { planRun, type RunPlan } from "./plan-run.js";
export type { OutputLogsMode, PlannedTask } from "./planned-task.js";
export { spawnTask, type SpawnTaskOptions } from "./process/spawn-task.js";
export { resolveSettings, type RunSettings } from "./resolve-settings.js";
export { run, type RunOutcome, type RunStats } from "./run.js";
export type { RunOptions } from "./run-options.js";
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
  type GraphFormat,
  graphFormatOf,
  planTaskGraph,
  renderTaskGraph,
} from "./task-graph-output.js";
export { runExitCode, type TaskResult } from "./task-result.js";
export { COMPATIBLE_TURBO_VERSION, SUMMARY_TURBO_VERSION, TURBINE_VERSION } from "./version.js";
