/**
 * Building blocks the package's own tests use. Unstable: not part of the public API, may change
 * in any release.
 */
export { diffClosures, lockfilePackageName } from "./closure-diff.js";
export { toHashablePairs, toSecretPairs } from "./env-pairs.js";
export { globalHashableEnv, type TaskEnvInput, taskHashableEnv } from "./env-resolve.js";
export { fromWildcards, wildcardToRegexSource } from "./env-wildcards.js";
export { diffExplanations, type ExplainedField, type HashChange } from "./explanation.js";
export { type Framework, inferFramework } from "./frameworks.js";
export { buildGlobalHashable, type GlobalHashInput, type GlobalHashParts } from "./global-hash.js";
export { hashRun } from "./hash-run.js";
export {
  type HashRunOptions,
  type HashRunTask,
  type HashRunWorkspace,
  type PackageInfo,
} from "./hash-run-types.js";
export { parseTaskInputs, type TaskInputSpec } from "./inputs.js";
export { packageInputFiles } from "./package-inputs.js";
export { hashableOutputs } from "./task-hash.js";
