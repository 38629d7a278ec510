/**
 * The repo model shared by @turbine/workspace, @turbine/hasher and @turbine/runner.
 * Paths named `dir` are repo-relative with `/` separators; the root package's dir is "".
 */

export type PackageManagerName = "npm" | "pnpm" | "pnpm6" | "yarn" | "berry" | "bun";

/**
 * turbo's own variant names: as PackageManagerName, plus "pnpm9" for pnpm >=9 (turbo 2.11.13
 * prints it in `turbo ls` and links workspace packages differently for it).
 */
export type PackageManagerVariant = PackageManagerName | "pnpm9";

export interface PackageManager {
  readonly name: PackageManagerName;
  /** The declared version, e.g. "10.9.2"; "" when detected from a lockfile. */
  readonly version: string;
  /** The executable that runs scripts: "npm", "pnpm", "yarn" or "bun". */
  readonly command: string;
  /** Lockfile name at the repo root, e.g. "package-lock.json". */
  readonly lockfileName: string;
  /** turbo's name for the variant, e.g. "pnpm9" where `name` is "pnpm"; absent means `name`. */
  readonly turboName?: PackageManagerVariant;
}

/** The subset of package.json that Turbine reads; other keys are kept as-is. */
export interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly scripts?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
  readonly packageManager?: string;
  readonly workspaces?: readonly string[] | { readonly packages?: readonly string[] };
  readonly [key: string]: unknown;
}

/** The name turbo gives the root package. */
export const ROOT_PACKAGE_NAME = "//";

export interface WorkspacePackage {
  /** package.json `name`; "//" for the root package. */
  readonly name: string;
  /** Repo-relative unix directory; "" for the root package. */
  readonly dir: string;
  readonly packageJson: PackageJson;
}

/** One resolved lockfile entry, as turbo hashes it (§1.6 of the hashing spec). */
export interface LockfilePackage {
  readonly key: string;
  readonly version: string;
}

export interface PackageGraph {
  /** Direct internal dependencies (package names), byte-sorted. The root "//" is never listed. */
  dependencies(name: string): readonly string[];
  /** Direct internal dependents (package names), byte-sorted. */
  dependents(name: string): readonly string[];
  /** All internal packages reachable through dependencies, excluding `name`, byte-sorted. */
  transitiveDependencies(name: string): readonly string[];
  /** All internal packages that reach `name`, excluding `name`, byte-sorted. */
  transitiveDependents(name: string): readonly string[];
  /**
   * External (non-workspace) dependency specs that seed the lockfile closure: dependencies,
   * devDependencies and optionalDependencies that did not become internal edges.
   */
  externalDependencies(name: string): Readonly<Record<string, string>>;
}

export interface Workspace {
  /** Absolute repo root (where the root package.json and turbo.json live). */
  readonly root: string;
  readonly packageManager: PackageManager;
  /** True when the repo has no workspaces (or `--single-package` was given). */
  readonly singlePackage: boolean;
  /** The root package, named "//". */
  readonly rootPackage: WorkspacePackage;
  /** Workspace packages by name, excluding the root package. */
  readonly packages: ReadonlyMap<string, WorkspacePackage>;
  readonly graph: PackageGraph;
  /**
   * The transitive external closure of a package (root: "//"), sorted by key then version in byte
   * order; empty when there is no lockfile entry. Undefined in single-package mode, and when the
   * lockfile is missing or unusable (see `lockfileProblem`); turbo then hashes the closure as "".
   */
  externalClosure(name: string): readonly LockfilePackage[] | undefined;
  /** Repo-relative path of the lockfile that was read, e.g. "package-lock.json"; undefined if none. */
  readonly lockfilePath?: string;
  /**
   * Why closures are unavailable in a monorepo: the lockfile is missing, unparsable, or
   * inconsistent with the package.json files. turbo only warns in that case, and so does Turbine.
   */
  readonly lockfileProblem?: Error;
}
