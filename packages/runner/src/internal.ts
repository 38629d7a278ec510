/**
 * Building blocks the package's own tests use. Unstable: not part of the public API, may change
 * in any release.
 */
export {
  executeTask,
  type ExecuteTaskContext,
  type TaskCache,
  type TaskFacts,
} from "./execute-task.js";
export { packageManagerExecution } from "./execution/package-manager-execution.js";
export { type ScriptIo, type ScriptTask, type TaskExecution } from "./execution/task-execution.js";
export { type ChangeMappingOptions, mapChangedFiles } from "./filter/changed-packages.js";
export { FilterGraph, type FilterPackage } from "./filter/filter-graph.js";
export { type FilterSelector, type GitRange, parseFilter } from "./filter/parse-filter.js";
export { type ResolveFilterOptions, resolveFilters } from "./filter/resolve-filter.js";
export { logFileName, logFilePath, readLogLines } from "./log-file.js";
export { globOutputs, type OutputGlobs, splitOutputs } from "./outputs.js";
export { planRun, type RunPlan } from "./plan-run.js";
export { type PlannedTask } from "./planned-task.js";
export { type TaskInterrupt } from "./process/interrupt-process-group.js";
export { spawnTask, type SpawnTaskOptions } from "./process/spawn-task.js";
export {
  TASK_RECORDS_DIR,
  type TaskRecordIndexEntry,
  TaskRecordStore,
} from "./records/record-store.js";
export { taskHashState, taskRecord } from "./records/task-states.js";
export { resolveSettings, type RunSettings } from "./resolve-settings.js";
export { cacheDurations } from "./scheduler/cache-durations.js";
export { criticalPathLengths, type TaskDurations } from "./scheduler/critical-path.js";
export { type SchedulableTask, schedule, type ScheduleOptions } from "./scheduler/schedule.js";
export { type TaskCacheSummary } from "./summary/run-record.js";
