/**
 * The validated contents of turbo.json files, as plain data. Keys keep their file order; values keep
 * turbo.json's spelling. Nothing here is resolved yet (see resolve-task-definition.ts).
 */

export type OutputLogsMode = "full" | "none" | "hash-only" | "new-only" | "errors-only";
export type EnvMode = "strict" | "loose";
export type UiMode = "tui" | "stream" | "stream-with-experimental-timestamps";

/** A structured `inputs` entry (`{ mode: "jit" | "dependencyOutputs", globs, from, withDefaults }`). */
export interface StructuredInput {
  readonly mode?: string;
  readonly globs?: readonly string[];
  readonly from?: readonly string[];
  readonly withDefaults?: boolean;
}

export type TaskInput = string | StructuredInput;

/** One entry of `tasks` exactly as written (legacy `outputMode` already renamed to `outputLogs`). */
export interface RawTaskDefinition {
  readonly extends?: boolean;
  readonly description?: string;
  readonly cache?: boolean;
  readonly dependsOn?: readonly string[];
  readonly env?: readonly string[];
  readonly inputs?: readonly TaskInput[];
  readonly passThroughEnv?: readonly string[];
  readonly persistent?: boolean;
  readonly interruptible?: boolean;
  readonly interactive?: boolean;
  readonly outputs?: readonly string[];
  readonly outputLogs?: OutputLogsMode;
  readonly with?: readonly string[];
  readonly tags?: readonly string[];
}

export interface Permissions {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

export interface BoundariesConfig {
  readonly tags?: Readonly<
    Record<string, { dependencies?: Permissions; dependents?: Permissions }>
  >;
  readonly dependencies?: Permissions;
  readonly dependents?: Permissions;
  readonly implicitDependencies?: readonly string[];
}

export interface TurboJsonRemoteCache {
  readonly enabled?: boolean;
  readonly signature?: boolean;
  readonly preflight?: boolean;
  readonly timeout?: number;
  readonly uploadTimeout?: number;
  readonly apiUrl?: string;
  readonly loginUrl?: string;
  /** As written; turbo only uses it when it starts with `team_` (see `effectiveTeamId`). */
  readonly teamId?: string;
  readonly teamSlug?: string;
}

export const FUTURE_FLAG_NAMES = [
  "affectedUsingTaskInputs",
  "errorsOnlyShowHash",
  "experimentalCargoWorkspaces",
  "experimentalGoWorkspaces",
  "experimentalObservability",
  "experimentalPythonWorkspaces",
  "experimentalSetup",
  "filterUsingTasks",
  "githubActionsRemoteBaseRefFallback",
  "globalConfiguration",
  "hashFilePermissions",
  "longerSignatureKey",
  "pruneIncludesGlobalFiles",
  "strictTaskEntrypointSelection",
  "watchUsingTaskInputs",
] as const;

export type FutureFlagName = (typeof FUTURE_FLAG_NAMES)[number];
export type FutureFlags = Readonly<Record<FutureFlagName, boolean>>;

/** What every turbo.json has: the root file and Package Configurations alike. */
export interface TurboJsonFile {
  /** Repo-relative path, e.g. `turbo.json` or `packages/a/turbo.jsonc`. */
  readonly path: string;
  /** Task entries by key (`build`, `a#build`, `//#lint`), in file order. */
  readonly tasks: ReadonlyMap<string, RawTaskDefinition>;
  /** `extends` as written; always empty for the root file, where turbo rejects the key. */
  readonly extends: readonly string[];
  /** Labels of the package that owns this file (`tags` at the top level). */
  readonly tags: readonly string[] | undefined;
  readonly boundaries: BoundariesConfig | undefined;
}

/** The root turbo.json with global settings normalised (the `global` block is folded in). */
export interface RootTurboJson extends TurboJsonFile {
  readonly schema: string | undefined;
  /** Files hashed into the global hash (`globalDependencies`). */
  readonly globalDependencies: readonly string[];
  /** `global.inputs` under `futureFlags.globalConfiguration`: prepended to every task's inputs. */
  readonly globalInputs: readonly string[];
  readonly globalEnv: readonly string[];
  /** `null` when not set, which turbo distinguishes from `[]`. */
  readonly globalPassThroughEnv: readonly string[] | null;
  readonly envMode: EnvMode | undefined;
  readonly ui: UiMode | undefined;
  /** As written: an integer >= 1 or a percentage such as `"50%"`. */
  readonly concurrency: string | undefined;
  readonly cacheDir: string | undefined;
  readonly cacheMaxAge: string | undefined;
  readonly cacheMaxSize: string | undefined;
  readonly daemon: boolean | undefined;
  readonly noUpdateNotifier: boolean | undefined;
  readonly dangerouslyDisablePackageManagerCheck: boolean | undefined;
  readonly agentGuidance: boolean | undefined;
  readonly remoteCache: TurboJsonRemoteCache | undefined;
  /** `remoteCache.teamId` when it starts with `team_`, else undefined (turbo ignores it). */
  readonly effectiveTeamId: string | undefined;
  readonly futureFlags: FutureFlags;
  readonly experimentalObservability: unknown;
  readonly setup: unknown;
}

/** Every turbo.json of a repo, validated. */
export interface TurboConfig {
  readonly root: RootTurboJson;
  /** Package Configurations by package name. */
  readonly packages: ReadonlyMap<string, TurboJsonFile>;
  /** True when package-task keys (`a#build`) were rejected because the repo is one package. */
  readonly singlePackage: boolean;
  /** One-line notices, e.g. about legacy v1 keys that were accepted. Never printed here. */
  readonly notices: readonly string[];
}
