/**
 * Building blocks the package's own tests use. Unstable: not part of the public API, may change
 * in any release.
 */
export { type ArtifactFile, type ArtifactSource } from "./decompress.js";
export { type CheckedPath, type PathCheck, type RejectedPath } from "./entry-path.js";
export { checkEntryPath, collisionKey } from "./entry-path.js";
export { type RejectedTarget, type ResolvedTarget, type TargetCheck } from "./link-target.js";
export { canonicalLinkTarget, resolveLinkTarget } from "./link-target.js";
export { listArtifact } from "./list-artifact.js";
export { packArtifact } from "./pack-artifact.js";
export { packTar } from "./pack-tar.js";
export { comparePathOrder } from "./path-order.js";
export { IN_MEMORY_MAX_BYTES, restoreArtifact } from "./restore-artifact.js";
