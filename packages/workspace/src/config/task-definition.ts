import type { OutputLogsMode, StructuredInput } from "./turbo-json.js";

/** `resolvedTaskDefinition` of `turbo run --dry=json`, with turbo's key order and sorting. */
export interface ResolvedTaskDefinitionJson {
  readonly outputs: readonly string[];
  readonly cache: boolean;
  readonly dependsOn: readonly string[];
  readonly inputs: readonly string[];
  readonly outputLogs: OutputLogsMode;
  readonly persistent: boolean;
  readonly interruptible: boolean;
  readonly env: readonly string[];
  readonly passThroughEnv: readonly string[] | null;
  readonly interactive: boolean;
}

/** A task's definition for one package after merging every turbo.json that applies, with turbo's defaults. */
export interface TaskDefinition {
  /** `dependsOn` entries as written (`^build`, `lint`, `pkg#task`), byte-sorted as turbo keeps them. */
  readonly dependsOn: readonly string[];
  /** `^task` entries without the `^`, sorted, each once. */
  readonly topologicalDependencies: readonly string[];
  /** Same-package and `pkg#task` entries, sorted, each once. */
  readonly taskDependencies: readonly string[];
  /** Output globs relative to the package, `$TURBO_ROOT$` resolved, `!` stripped from exclusions; sorted. */
  readonly outputs: {
    readonly inclusions: readonly string[];
    readonly exclusions: readonly string[];
  };
  /**
   * String `inputs` as written (with `$TURBO_DEFAULT$`, `$TURBO_ROOT$/…` and `!` kept), in merge
   * order. `global.inputs` (futureFlags.globalConfiguration) are prepended for tasks with a command.
   */
  readonly inputs: readonly string[];
  /** Structured `inputs` entries (`{ mode: "jit" | "dependencyOutputs", … }`). */
  readonly structuredInputs: readonly StructuredInput[];
  /** Hashed env patterns, sorted. */
  readonly env: readonly string[];
  /** Runtime-only env patterns, sorted; null when never set. */
  readonly passThroughEnv: readonly string[] | null;
  readonly cache: boolean;
  readonly persistent: boolean;
  readonly interactive: boolean;
  readonly interruptible: boolean;
  readonly outputLogs: OutputLogsMode;
  /** Sibling tasks started alongside (`with`), as written. */
  readonly with: readonly string[];
  readonly tags: readonly string[];
  readonly description: string | undefined;
  /** The same definition as `--dry=json` prints it. */
  readonly resolvedTaskDefinition: ResolvedTaskDefinitionJson;
}
