import { utimesSync } from "node:fs";

/**
 * Marks an entry as just used by setting its artifact's mtime to now, before the entry is read.
 * turbo never does this (its eviction is first-in, first-out by write time); with it, both tools'
 * eviction, which goes by that mtime, becomes least-recently-used. Nothing else reads the
 * artifact's mtime: turbo's and Turbine's manifests record the restored outputs, not the archive.
 *
 * A missing artifact is a miss the read will find anyway; a refusal (an entry owned by another
 * user: setting a time needs ownership) is ignored, the hit still counts for this run's eviction.
 * One system call, about the cost of the `stat` the read does next.
 */
export function touchArtifact(artifactPath: string): void {
  const now = Date.now() / 1000;
  try {
    utimesSync(artifactPath, now, now);
  } catch {
    // ENOENT: a miss; EPERM/EACCES/EROFS: recency is best effort
  }
}
