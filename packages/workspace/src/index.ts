export const packageName = "@turbine/workspace";

// workspace core
export { readBlockYaml } from "./block-yaml.js";
export { compareBytes, sortBytes } from "./byte-order.js";
export { createWorkspace, type WorkspaceParts } from "./create-workspace.js";
export {
  internalDependency,
  specAcceptsWorkspaceVersion,
  type SplitterContext,
  workspaceSpecifier,
} from "./dependency-splitter.js";
export { type DiscoveredPackageJson, discoverPackageJsons } from "./discover-packages.js";
export {
  isWorkspaceError,
  WorkspaceError,
  type WorkspaceErrorCode,
  type WorkspaceErrorOptions,
} from "./errors.js";
export { parseJsonc, readTrailingCommaJson } from "./jsonc.js";
export { type LinkSettingsFiles, linkWorkspacePackages } from "./link-workspace-packages.js";
export { loadWorkspace, type LoadWorkspaceOptions } from "./load-workspace.js";
export { BerryLockfile } from "./lockfile/berry.js";
export { BunLockfile } from "./lockfile/bun.js";
export { allTransitiveClosures, sortPackages, transitiveClosure } from "./lockfile/closure.js";
export type { Lockfile } from "./lockfile/lockfile.js";
export { NpmLockfile } from "./lockfile/npm.js";
export { parseLockfile } from "./lockfile/parse-lockfile.js";
export { PnpmLockfile } from "./lockfile/pnpm.js";
export { Yarn1Lockfile } from "./lockfile/yarn1.js";
export { buildPackageGraph, type PackageGraphOptions } from "./package-graph.js";
export { declaredDependencies, dependencyMap, parsePackageJson } from "./package-json.js";
export {
  classifyPackageManager,
  detectPackageManager,
  type DetectPackageManagerOptions,
  type PackageManagerFiles,
  packageManagerFromLockfiles,
  packageManagerOf,
} from "./package-manager.js";
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
export { defaultExclusions, type WorkspaceGlobs, workspaceGlobs } from "./workspace-globs.js";
// end workspace core

// config and task graph
export { configChain } from "./config/config-chain.js";
export { type ConfigResult } from "./config/config-result.js";
export {
  type ConfigFileReader,
  loadTurboConfig,
  type LoadTurboConfigOptions,
} from "./config/load-turbo-config.js";
export { parsePackageTurboJson } from "./config/parse-package-turbo-json.js";
export { type ParseRootOptions, parseRootTurboJson } from "./config/parse-root-turbo-json.js";
export { repoFileReader } from "./config/read-repo-file.js";
export {
  resolveTaskDefinition,
  type TaskPresence,
  taskPresence,
  type TaskRef,
} from "./config/resolve-task-definition.js";
export type { ResolvedTaskDefinitionJson, TaskDefinition } from "./config/task-definition.js";
export {
  type BoundariesConfig,
  type EnvMode,
  FUTURE_FLAG_NAMES,
  type FutureFlagName,
  type FutureFlags,
  type OutputLogsMode,
  type Permissions,
  type RawTaskDefinition,
  type RemoteCacheConfig,
  type RootTurboJson,
  type StructuredInput,
  type TaskInput,
  type TurboConfig,
  type TurboJsonFile,
  type UiMode,
} from "./config/turbo-json.js";
export { buildTaskGraph, type BuildTaskGraphOptions } from "./task-graph/build-task-graph.js";
export { renderDot } from "./task-graph/render-dot.js";
export { renderMermaid } from "./task-graph/render-mermaid.js";
export {
  dryRunCommand,
  parseTaskName,
  ROOT_NODE_ID,
  type TaskGraph,
  type TaskNode,
} from "./task-graph/task-graph.js";
export {
  type GraphNode,
  type TopologicalOrder,
  topologicalOrder,
} from "./task-graph/topological-order.js";
// end config and task graph
