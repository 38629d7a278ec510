export { compareBytes, sortBytes } from "./byte-order.js";
export { type ConfigResult } from "./config/config-result.js";
export {
  type ConfigFileReader,
  loadTurboConfig,
  type LoadTurboConfigOptions,
} from "./config/load-turbo-config.js";
export { repoFileReader } from "./config/read-repo-file.js";
export { type ResolvedTaskDefinitionJson, type TaskDefinition } from "./config/task-definition.js";
export {
  type BoundariesConfig,
  type EnvMode,
  type FutureFlagName,
  type FutureFlags,
  type OutputLogsMode,
  type Permissions,
  type RawTaskDefinition,
  type RootTurboJson,
  type StructuredInput,
  type TaskInput,
  type TurboConfig,
  type TurboJsonFile,
  type TurboJsonRemoteCache,
  type UiMode,
} from "./config/turbo-json.js";
export { WorkspaceError, type WorkspaceErrorCode, type WorkspaceErrorOptions } from "./errors.js";
export { loadWorkspace, type LoadWorkspaceOptions } from "./load-workspace.js";
export { type Lockfile } from "./lockfile/lockfile.js";
export { buildTaskGraph, type BuildTaskGraphOptions } from "./task-graph/build-task-graph.js";
export { renderDot } from "./task-graph/render-dot.js";
export { renderMermaid } from "./task-graph/render-mermaid.js";
export { dryRunCommand, type TaskGraph, type TaskNode } from "./task-graph/task-graph.js";
export {
  type GraphNode,
  type TopologicalOrder,
  topologicalOrder,
} from "./task-graph/topological-order.js";
export {
  type LockfilePackage,
  type PackageGraph,
  type PackageJson,
  type PackageManager,
  type PackageManagerName,
  type PackageManagerVariant,
  ROOT_PACKAGE_NAME,
  type Workspace,
  type WorkspacePackage,
} from "./types.js";
