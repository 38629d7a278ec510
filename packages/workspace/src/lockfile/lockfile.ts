import type { LockfilePackage } from "../types.js";

/**
 * One package manager's lockfile, behind turbo's two-call interface. Implementations are pure
 * (built from file contents) and throw WorkspaceError for inconsistent data.
 */
export interface Lockfile {
  /**
   * Resolves a dependency of the workspace at `workspaceDir` ("" is the root) to its lockfile
   * entry. `spec` is a package.json range for direct deps, or whatever `allDependencies`
   * returned for transitive ones. Undefined when the lockfile has no entry.
   */
  resolvePackage(workspaceDir: string, name: string, spec: string): LockfilePackage | undefined;
  /** The dependencies of an entry (name -> spec to feed back into resolvePackage). */
  allDependencies(key: string): ReadonlyMap<string, string> | undefined;
  /** A short, human label for an entry, as `turbo query` prints it (e.g. `is-odd@3.0.1`). */
  humanName(pkg: LockfilePackage): string | undefined;
}
