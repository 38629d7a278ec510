/**
 * Building blocks the package's own tests use. Unstable: not part of the public API, may change
 * in any release.
 */
export { readBlockYaml } from "./block-yaml.js";
export { configChain } from "./config/config-chain.js";
export {
  resolveTaskDefinition,
  type TaskPresence,
  taskPresence,
  type TaskRef,
} from "./config/resolve-task-definition.js";
export { parseJsonc, readTrailingCommaJson } from "./jsonc.js";
export { parseLockfile } from "./lockfile/parse-lockfile.js";
export {
  classifyPackageManager,
  detectPackageManager,
  type DetectPackageManagerOptions,
  type PackageManagerFiles,
  packageManagerOf,
} from "./package-manager.js";
