import type { ClosureChanges } from "./closure-diff.js";

/** How an env var's hashed value moved (names only; values are never known here). */
export type EnvChange = "set" | "unset" | "changed";

/** turbo.json run-level keys (and root package.json `engines`) that feed the global hash. */
export type GlobalSetting =
  | "globalEnv"
  | "globalPassThroughEnv"
  | "globalDependencies"
  | "envMode"
  | "frameworkInference"
  | "globalConfiguration"
  | "engines";

/** The task definition keys that feed the hash (besides `outputs`, a reason of its own). */
export const HASHED_DEFINITION_KEYS = ["dependsOn", "inputs", "env", "passThroughEnv"] as const;

/** Paths of a file map that changed, each list byte-ordered. */
export interface FileChanges {
  readonly modified: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** What the committed state (HEAD) says when a task has no record here. */
export interface CommittedArtifact {
  /** The commit whose files were hashed. */
  readonly sha: string;
  /** The task's hash with the committed files. */
  readonly hash: string;
  /** Which cache holds an artifact for that hash. */
  readonly source: "LOCAL" | "REMOTE";
  /** The current state against the committed one (the uncommitted changes). */
  readonly changes: readonly MissReason[];
}

/** Why a task misses the cache, one fact each, most specific kinds first (see `explainMiss`). */
export type MissReason =
  | { readonly kind: "forced" }
  | { readonly kind: "cache-off" }
  | { readonly kind: "cache-reads-off" }
  | { readonly kind: "no-previous-run"; readonly committed?: CommittedArtifact }
  /** Package-relative paths. */
  | ({ readonly kind: "files" } & FileChanges)
  /**
   * `why`: the dependency's own reasons one level down (explained), or why they are unknown:
   * `later-run` when it ran again since (its record already has the new hash), `unknown` when
   * it has no usable record of the old hash.
   */
  | {
      readonly kind: "dependency";
      readonly taskId: string;
      readonly change: "added" | "removed" | "changed";
      readonly why: readonly MissReason[] | "later-run" | "unknown";
    }
  | {
      readonly kind: "env";
      readonly name: string;
      readonly change: EnvChange;
      readonly inferred: boolean;
    }
  | {
      readonly kind: "pass-through-args";
      readonly before: readonly string[];
      readonly after: readonly string[];
    }
  | {
      readonly kind: "outputs";
      readonly before: TaskOutputs;
      readonly after: TaskOutputs;
    }
  | {
      readonly kind: "definition";
      readonly key: string;
      readonly before: unknown;
      readonly after: unknown;
    }
  | { readonly kind: "framework"; readonly before: string; readonly after: string }
  | {
      readonly kind: "package-dir";
      readonly before: string | null;
      readonly after: string | null;
    }
  /** `changes` undefined: one side's closure was not recorded. */
  | { readonly kind: "lockfile"; readonly changes: ClosureChanges | undefined }
  /** Repo-relative paths. */
  | ({ readonly kind: "global-files" } & FileChanges)
  | {
      readonly kind: "global-env";
      readonly name: string;
      readonly change: EnvChange;
      readonly inferred: boolean;
    }
  | { readonly kind: "root-dependencies"; readonly changes: ClosureChanges | undefined }
  | {
      readonly kind: "global-setting";
      readonly key: GlobalSetting;
      readonly before: unknown;
      readonly after: unknown;
    }
  | { readonly kind: "root-internal-dependencies" }
  /** The global hash changed but the record's global part is unknown. */
  | { readonly kind: "global-unknown" }
  | { readonly kind: "last-run-failed"; readonly exitCode: number | null }
  /** Same hash as the last run, which did not save an artifact (cache writes off or `cache: false`). */
  | { readonly kind: "not-saved" }
  /** Same hash as the last run, which saved or restored an artifact the cache no longer has. */
  | { readonly kind: "entry-missing"; readonly hash: string }
  /** The hashes differ but no recorded input does (e.g. a record from another hasher version). */
  | {
      readonly kind: "unexplained";
      readonly before: string;
      readonly after: string;
      readonly producer: string;
    };

export interface TaskOutputs {
  readonly inclusions: readonly string[];
  readonly exclusions: readonly string[];
}
