export { type CacheAdminOptions, cacheStatusOf, pruneCache } from "./cache-admin.js";
export { describePackages, type PackageDetail } from "./describe-packages.js";
export { dryRun, type DryRunOutcome } from "./dry-run.js";
export { RunnerError, type RunnerErrorCode } from "./errors.js";
export {
  type RemoteCacheState,
  type RunEvent,
  type RunEventListener,
  type TaskCacheStatus,
} from "./events.js";
export { type ExecutionMode } from "./execution/task-execution.js";
export { renderWithGraphviz } from "./graphviz.js";
export {
  availableTasks,
  configuredTasks,
  listPackages,
  type PackageListing,
} from "./list-packages.js";
export { type OutputLogsMode } from "./planned-task.js";
export { type MissExplanation } from "./records/miss-explainer.js";
export { findRepoRoot } from "./repo-root.js";
export { run, type RunOutcome, type RunStats } from "./run.js";
export { type RunOptions } from "./run-options.js";
export { type ContinueMode, parseContinueMode } from "./scheduler/run-options-parse.js";
export {
  graphDeprecation,
  graphFileOf,
  type GraphFormat,
  planTaskGraph,
  renderTaskGraph,
} from "./task-graph-output.js";
export { type TaskResult } from "./task-result.js";
export { TURBINE_VERSION } from "./version.js";
export { why, type WhyOptions, type WhyOutcome } from "./why.js";
export {
  type CacheStatus,
  describeBudget,
  type EvictionProgress,
  type EvictionReport,
  formatBytes,
} from "@turbine/cache";
export { describeMissReasons, type MissReason } from "@turbine/hasher";
