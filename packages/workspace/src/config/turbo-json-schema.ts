import { FUTURE_FLAG_NAMES } from "./turbo-json.js";

/**
 * turbo 2.11.13's turbo.json schema (node_modules/turbo/schema.json) as data for the validator.
 * `null` is not accepted anywhere: the schema says it is, the binary rejects it.
 */
export type Spec =
  | { readonly kind: "string" }
  | { readonly kind: "boolean" }
  | { readonly kind: "uint64" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "strings" }
  | { readonly kind: "taskInputs" }
  | { readonly kind: "map"; readonly value: Spec }
  | { readonly kind: "any-object" }
  | ObjectSpec;

export interface ObjectSpec {
  readonly kind: "object";
  readonly fields: Readonly<Record<string, Spec>>;
  /** Legacy spellings accepted with a notice: alias -> canonical key. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Extra advice when an unknown key is found here. */
  readonly unknownKeyHint?: string;
}

const string: Spec = { kind: "string" };
const boolean: Spec = { kind: "boolean" };
const uint64: Spec = { kind: "uint64" };
const strings: Spec = { kind: "strings" };
const enumOf = (...values: string[]): Spec => ({ kind: "enum", values });
const object = (fields: Record<string, Spec>, extra: Partial<ObjectSpec> = {}): ObjectSpec => ({
  kind: "object",
  fields,
  ...extra,
});

const permissions = object({ allow: strings, deny: strings });

const boundaries = object({
  dependencies: permissions,
  dependents: permissions,
  implicitDependencies: strings,
  tags: { kind: "map", value: object({ dependencies: permissions, dependents: permissions }) },
});

const remoteCache = object({
  apiUrl: string,
  enabled: boolean,
  loginUrl: string,
  preflight: boolean,
  signature: boolean,
  teamId: string,
  teamSlug: string,
  timeout: uint64,
  uploadTimeout: uint64,
});

const ui = enumOf("tui", "stream", "stream-with-experimental-timestamps");
const envMode = enumOf("loose", "strict");

export const TASK_SPEC: ObjectSpec = object(
  {
    cache: boolean,
    dependsOn: strings,
    description: string,
    env: strings,
    extends: boolean,
    inputs: { kind: "taskInputs" },
    interactive: boolean,
    interruptible: boolean,
    outputLogs: enumOf("full", "none", "hash-only", "new-only", "errors-only"),
    outputs: strings,
    passThroughEnv: strings,
    persistent: boolean,
    tags: strings,
    with: strings,
  },
  { aliases: { outputMode: "outputLogs" } },
);

const tasks: Spec = { kind: "map", value: TASK_SPEC };

const futureFlags = object(Object.fromEntries(FUTURE_FLAG_NAMES.map((name) => [name, boolean])));

const globalConfig = object({
  cacheDir: string,
  cacheMaxAge: string,
  cacheMaxSize: string,
  concurrency: string,
  daemon: boolean,
  dangerouslyDisablePackageManagerCheck: boolean,
  env: strings,
  envMode,
  experimentalObservability: { kind: "any-object" },
  inputs: strings,
  noUpdateNotifier: boolean,
  passThroughEnv: strings,
  remoteCache,
  ui,
});

const LEGACY_HINTS =
  "`extends` belongs in Package Configurations only (turbo rejects it in the root). " +
  "turbo 1.x keys are gone in 2.x: `dotEnv`/`globalDotEnv` were removed (list .env files in " +
  "`inputs`/`globalDependencies`), `experimentalUI` is now `ui`, `baseBranch` is now the " +
  "TURBO_SCM_BASE environment variable.";

export const ROOT_SPEC: ObjectSpec = object(
  {
    $schema: string,
    agentGuidance: boolean,
    boundaries,
    cacheDir: string,
    cacheMaxAge: string,
    cacheMaxSize: string,
    concurrency: string,
    daemon: boolean,
    dangerouslyDisablePackageManagerCheck: boolean,
    envMode,
    experimentalObservability: { kind: "any-object" },
    futureFlags,
    global: globalConfig,
    globalDependencies: strings,
    globalEnv: strings,
    globalPassThroughEnv: strings,
    noUpdateNotifier: boolean,
    remoteCache,
    setup: { kind: "any-object" },
    tags: strings,
    tasks,
    ui,
  },
  { aliases: { pipeline: "tasks" }, unknownKeyHint: LEGACY_HINTS },
);

export const PACKAGE_SPEC: ObjectSpec = object(
  { $schema: string, boundaries, extends: strings, tags: strings, tasks },
  {
    aliases: { pipeline: "tasks" },
    unknownKeyHint:
      "A Package Configuration may only set `extends`, `tasks`, `tags` and `boundaries`; " +
      "global settings belong in the root turbo.json.",
  },
);
