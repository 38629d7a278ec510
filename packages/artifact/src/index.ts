export type { ArtifactEntry, ArtifactEntryType } from "./artifact-entry.js";
export type { ArtifactErrorCode, ArtifactErrorOptions } from "./artifact-error.js";
export { ArtifactError, isArtifactError } from "./artifact-error.js";
export type { SkipExisting } from "./commit-plan.js";
export type { CommitWorkerOptions } from "./commit-worker.js";
export { CommitWorker } from "./commit-worker.js";
export type { ArtifactFile, ArtifactSource } from "./decompress.js";
export { ARTIFACT_MAGIC_BYTES, isCompressedArtifact } from "./decompress.js";
export type { CheckedPath, PathCheck, RejectedPath } from "./entry-path.js";
export { checkEntryPath, collisionKey } from "./entry-path.js";
export type { RejectedTarget, ResolvedTarget, TargetCheck } from "./link-target.js";
export { canonicalLinkTarget, resolveLinkTarget } from "./link-target.js";
export { listArtifact } from "./list-artifact.js";
export { packArtifact, writeArtifactFile, ZSTD_LEVEL } from "./pack-artifact.js";
export type { PackOptions } from "./pack-tar.js";
export { packTar } from "./pack-tar.js";
export { comparePathOrder, sortPaths } from "./path-order.js";
export type { RestoreOptions, RestoreResult } from "./restore-artifact.js";
export { IN_MEMORY_MAX_BYTES, restoreArtifact } from "./restore-artifact.js";
export type { RestoreLimits } from "./restore-limits.js";
export { DEFAULT_RESTORE_LIMITS } from "./restore-limits.js";
export {
  COMMIT_THREAD_AFTER_MS,
  READ_WHOLE_MAX_BYTES,
  type RestoreFileOptions,
  Restorer,
  type RestorerOptions,
} from "./restorer.js";
