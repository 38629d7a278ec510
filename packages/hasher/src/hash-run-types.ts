import type { PackageManagerName } from "@turbine/workspace";

import type { DetailedEnv } from "./env-resolve.js";
import type { EnvMap } from "./env-wildcards.js";
import type { GlobalHashExplanation, TaskHashExplanation } from "./explanation.js";
import type { GlobalCacheInputs } from "./global-hash.js";
import type { EnvMode, LockfileEntry } from "./hashables.js";
import type { Hasher } from "./hasher.js";
import type { RepoIndex } from "./repo-index.js";

/** A package as hashing sees it; `@turbine/workspace`'s `WorkspacePackage` satisfies it. */
export interface PackageInfo {
  readonly name: string;
  /** Repo-relative unix dir; "" for the root package. */
  readonly dir: string;
  readonly packageJson: {
    readonly dependencies?: Readonly<Record<string, string>>;
    readonly engines?: Readonly<Record<string, string>>;
    readonly workspaces?: readonly string[] | { readonly packages?: readonly string[] };
  };
}

/** What hashing needs of a workspace; `@turbine/workspace`'s `Workspace` satisfies it. */
export interface HashRunWorkspace {
  readonly root: string;
  readonly packageManager: { readonly name: PackageManagerName; readonly lockfileName: string };
  readonly singlePackage: boolean;
  readonly rootPackage: PackageInfo;
  readonly packages: ReadonlyMap<string, PackageInfo>;
  readonly graph: {
    transitiveDependencies(name: string): readonly string[];
    externalDependencies(name: string): Readonly<Record<string, string>>;
  };
  externalClosure(name: string): readonly LockfileEntry[] | undefined;
}

/** One task-graph node with its resolved definition (the hash-relevant keys only). */
export interface HashRunTask {
  /** `pkg#task`, `//#task`, or `task` in single-package mode. */
  readonly id: string;
  /** Package name; "//" for the root package (and in single-package mode). */
  readonly package: string;
  /** Task name without the package, e.g. `build`. */
  readonly task: string;
  /** Ids of the direct task-graph dependencies. */
  readonly dependencies: readonly string[];
  readonly env: readonly string[];
  readonly passThroughEnv: readonly string[] | null;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export interface HashRunOptions {
  readonly workspace: HashRunWorkspace;
  readonly tasks: readonly HashRunTask[];
  /** The environment at start-up (default: `process.env`). */
  readonly env?: EnvMap | Readonly<Record<string, string | undefined>>;
  readonly globalDependencies?: readonly string[];
  readonly globalEnv?: readonly string[];
  readonly globalPassThroughEnv?: readonly string[] | null;
  readonly envMode?: EnvMode;
  readonly frameworkInference?: boolean;
  readonly passThruArgs?: readonly string[];
  readonly globalConfiguration?: boolean;
  /** A prepared (or pending) scan and a hasher, to share with other work in the same run. */
  readonly index?: RepoIndex | Promise<RepoIndex>;
  readonly hasher?: Hasher;
}

export interface HashedTask {
  readonly hash: string;
  readonly explanation: TaskHashExplanation;
  /** The env vars hashed into the task, raw values (for the strict-mode runtime env). */
  readonly hashedEnv: ReadonlyMap<string, string>;
}

export interface HashRunResult {
  readonly globalHash: string;
  readonly globalInputs: GlobalCacheInputs;
  /** The global hash's inputs with the run-level settings, for explaining misses. */
  readonly global: GlobalHashExplanation;
  /** The resolved `globalEnv` (raw values in `all`), for the strict-mode runtime env. */
  readonly globalEnv: DetailedEnv;
  readonly tasks: ReadonlyMap<string, HashedTask>;
  readonly index: RepoIndex;
}
