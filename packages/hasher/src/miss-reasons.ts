import { compareUtf8 } from "./byte-order.js";
import { type ClosureChanges, diffClosures } from "./closure-diff.js";
import { diffExplanations, type TaskEnvironmentVariables } from "./explanation.js";
import type { LockfileEntry } from "./hashables.js";
import type { TaskHashState, TaskRecord } from "./task-record.js";

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

interface TaskOutputs {
  readonly inclusions: readonly string[];
  readonly exclusions: readonly string[];
}

/** The previous record and the current state of a dependency, for the reasons one level down. */
export interface DependencyStates {
  readonly previous: TaskRecord | undefined;
  readonly current: TaskHashState | undefined;
}

export interface ExplainMissInput {
  /** The task's state now (its `explanation.hash` is the hash that missed). */
  readonly current: TaskHashState;
  /** The task's last record; undefined when there is none (or it was unusable). */
  readonly previous: TaskRecord | undefined;
  /**
   * Why the cache gave nothing: it was asked and had no entry (`miss`), `--force`, the task's
   * `cache: false`, or a run that does not read the cache (`--cache` without `r`).
   */
  readonly cause: "miss" | "forced" | "cache-off" | "cache-reads-off";
  /** Looks up a dependency's record and state, for one level down. */
  readonly dependency?: (taskId: string) => DependencyStates;
  /** With no previous record: what an artifact of the committed state says. */
  readonly committed?: CommittedArtifact;
}

/**
 * Why a task misses: `forced`, `cache-off` or `cache-reads-off` when the cache was not read, then
 * (or else) `no-previous-run`, or every difference from the last record, most specific first:
 * files, dependencies (with their own reasons one level down), env vars, pass-through args,
 * outputs, the task definition, framework, package dir, the task's lockfile closure, then the
 * global inputs (files, env, root dependencies, turbo.json settings). With an unchanged hash:
 * why the last run's artifact is not there. Pure; never throws on a well-formed record.
 */
export function explainMiss(input: ExplainMissInput): MissReason[] {
  const { current, previous } = input;
  const reasons: MissReason[] = [];
  if (input.cause === "forced") reasons.push({ kind: "forced" });
  if (input.cause === "cache-off") return [{ kind: "cache-off" }];
  if (input.cause === "cache-reads-off") reasons.push({ kind: "cache-reads-off" });
  if (previous === undefined) {
    if (input.cause !== "miss") return reasons;
    return [
      {
        kind: "no-previous-run",
        ...(input.committed === undefined ? {} : { committed: input.committed }),
      },
    ];
  }
  const changes = explainChanges(previous, current, input.dependency);
  if (changes.length > 0) return [...reasons, ...changes];
  if (reasons.length > 0) return reasons;
  if (previous.hash !== current.explanation.hash) {
    return [
      {
        kind: "unexplained",
        before: previous.hash,
        after: current.explanation.hash,
        producer: previous.producer,
      },
    ];
  }
  if (previous.outcome.status === "failed") {
    return [{ kind: "last-run-failed", exitCode: previous.outcome.exitCode }];
  }
  if (!previous.outcome.cached) return [{ kind: "not-saved" }];
  return [{ kind: "entry-missing", hash: previous.hash }];
}

/**
 * Every difference between two hash states of one task, most specific first (see `explainMiss`);
 * empty when they hash alike. `dependency` gives the reasons one level down; without it a changed
 * dependency's reasons are `unknown`.
 */
export function explainChanges(
  before: TaskHashState,
  after: TaskHashState,
  dependency?: (taskId: string) => DependencyStates,
): MissReason[] {
  const { files, dependencies, fields } = sortChanges(before, after, dependency);
  const global = globalReasons(before, after, fields.has("globalHash"));
  const args = fields.get("passThruArgs");
  const argsReasons: MissReason[] =
    args === undefined
      ? []
      : [
          {
            kind: "pass-through-args",
            before: args.before as string[],
            after: args.after as string[],
          },
        ];
  const env = fields.get("environmentVariables");
  const envChanges: MissReason[] = [];
  if (env !== undefined) {
    const was = env.before as TaskEnvironmentVariables;
    const now = env.after as TaskEnvironmentVariables;
    envChanges.push(...envReasons(was, now, sameJson(was.specified, now.specified), "env"));
  }
  const own = [
    ...envChanges,
    ...argsReasons,
    ...taskFieldReasons(before, after, fields),
    ...global,
  ];
  const anyFile = files.modified.length + files.added.length + files.removed.length > 0;
  return [
    ...(anyFile ? [{ kind: "files" as const, ...files }] : []),
    ...dependencies.flatMap((d) => withoutOwn(d, own)),
    ...own,
  ];
}

type FieldChanges = Map<string, { before: unknown; after: unknown }>;

/** diffExplanations' changes sorted into files, dependency reasons and changed fields. */
function sortChanges(
  before: TaskHashState,
  after: TaskHashState,
  dependency: ((taskId: string) => DependencyStates) | undefined,
): {
  files: { modified: string[]; added: string[]; removed: string[] };
  dependencies: MissReason[];
  fields: FieldChanges;
} {
  const files = { modified: [] as string[], added: [] as string[], removed: [] as string[] };
  const dependencies: MissReason[] = [];
  const fields: FieldChanges = new Map();
  for (const change of diffExplanations(before.explanation, after.explanation)) {
    switch (change.kind) {
      case "file-added":
        files.added.push(change.path);
        break;
      case "file-removed":
        files.removed.push(change.path);
        break;
      case "file-changed":
        files.modified.push(change.path);
        break;
      case "dependency-changed":
        dependencies.push(dependencyReason(change, dependency));
        break;
      case "field-changed":
        fields.set(change.field, { before: change.before, after: change.after });
        break;
    }
  }
  return { files, dependencies, fields };
}

/** Outputs, the hashed definition keys, framework, package dir and the task's closure. */
function taskFieldReasons(
  before: TaskHashState,
  after: TaskHashState,
  fields: FieldChanges,
): MissReason[] {
  const reasons: MissReason[] = [];
  const outputs = fields.get("outputs");
  if (outputs !== undefined) {
    const was = outputs.before as TaskOutputs;
    reasons.push({ kind: "outputs", before: was, after: outputs.after as TaskOutputs });
  }
  for (const key of HASHED_DEFINITION_KEYS) {
    const was = before.definition[key];
    const now = after.definition[key];
    if (!sameJson(was, now)) reasons.push({ kind: "definition", key, before: was, after: now });
  }
  const framework = fields.get("framework");
  if (framework !== undefined) {
    const was = framework.before as string;
    reasons.push({ kind: "framework", before: was, after: framework.after as string });
  }
  const dir = fields.get("packageDir");
  if (dir !== undefined) {
    const was = dir.before as string | null;
    reasons.push({ kind: "package-dir", before: was, after: dir.after as string | null });
  }
  if (fields.has("hashOfExternalDependencies")) {
    reasons.push({ kind: "lockfile", changes: closureChanges(before.closure, after.closure) });
  }
  return reasons;
}

function dependencyReason(
  change: { taskId: string; before: string | undefined; after: string | undefined },
  lookup: ((taskId: string) => DependencyStates) | undefined,
): MissReason {
  const { taskId } = change;
  if (change.before === undefined) return { kind: "dependency", taskId, change: "added", why: [] };
  if (change.after === undefined) return { kind: "dependency", taskId, change: "removed", why: [] };
  const states = lookup?.(taskId);
  const previous = states?.previous;
  let why: MissReason[] | "later-run" | "unknown" = "unknown";
  if (previous !== undefined && states?.current !== undefined) {
    if (previous.hash === change.before) {
      // One level down only: the dependency's own changed dependencies are named, not explained.
      why = explainChanges(previous, states.current);
    } else if (previous.hash === change.after) why = "later-run";
  }
  return { kind: "dependency", taskId, change: "changed", why };
}

/**
 * A dependency's reasons without those this task lists itself (files aside: package-relative
 * paths name other files in another package), and no dependency at all when that leaves none.
 */
function withoutOwn(reason: MissReason, own: readonly MissReason[]): MissReason[] {
  if (reason.kind !== "dependency" || !Array.isArray(reason.why) || reason.why.length === 0) {
    return [reason];
  }
  const listed = new Set(own.map((r) => JSON.stringify(r)));
  const why = (reason.why as readonly MissReason[]).filter(
    (r) => r.kind === "files" || !listed.has(JSON.stringify(r)),
  );
  return why.length === 0 ? [] : [{ ...reason, why }];
}

function globalReasons(
  before: TaskHashState,
  after: TaskHashState,
  changed: boolean,
): MissReason[] {
  if (!changed) return [];
  const was = before.global;
  const now = after.global;
  if (was === null || now === null) return [{ kind: "global-unknown" }];
  const reasons: MissReason[] = [];
  const files = diffMaps(was.inputs.files, now.inputs.files);
  if (files.modified.length + files.added.length + files.removed.length > 0) {
    reasons.push({ kind: "global-files", ...files });
  }
  const wasEnv = was.inputs.environmentVariables;
  const nowEnv = now.inputs.environmentVariables;
  const samePatterns = sameJson(wasEnv.specified.env, nowEnv.specified.env);
  reasons.push(...envReasons(wasEnv, nowEnv, samePatterns, "global-env"));
  if (was.inputs.hashOfExternalDependencies !== now.inputs.hashOfExternalDependencies) {
    reasons.push({
      kind: "root-dependencies",
      changes: closureChanges(before.rootClosure, after.rootClosure),
    });
  }
  const settings: [GlobalSetting, unknown, unknown][] = [
    ["globalEnv", wasEnv.specified.env, nowEnv.specified.env],
    ["globalPassThroughEnv", wasEnv.specified.passThroughEnv, nowEnv.specified.passThroughEnv],
    ["globalDependencies", was.globalDependencies, now.globalDependencies],
    ["envMode", was.envMode, now.envMode],
    ["frameworkInference", was.frameworkInference, now.frameworkInference],
    ["globalConfiguration", was.globalConfiguration, now.globalConfiguration],
    ["engines", was.inputs.engines, now.inputs.engines],
  ];
  for (const [key, b, a] of settings) {
    if (!sameJson(b, a)) reasons.push({ kind: "global-setting", key, before: b, after: a });
  }
  if (was.inputs.hashOfInternalDependencies !== now.inputs.hashOfInternalDependencies) {
    reasons.push({ kind: "root-internal-dependencies" });
  }
  return reasons;
}

/**
 * Hashed env values that moved, by name: `configured` (the task's or `globalEnv` patterns) and
 * `inferred` (framework). A name that appears or goes while the patterns changed is the
 * definition's doing and is left to that reason; pass-through values are never hashed.
 */
function envReasons(
  was: Pick<TaskEnvironmentVariables, "configured" | "inferred">,
  now: Pick<TaskEnvironmentVariables, "configured" | "inferred">,
  samePatterns: boolean,
  kind: "env" | "global-env",
): MissReason[] {
  const reasons: MissReason[] = [];
  for (const inferred of [false, true]) {
    const b = envDigests(inferred ? was.inferred : was.configured);
    const a = envDigests(inferred ? now.inferred : now.configured);
    for (const [name, change] of diffKeys(b, a)) {
      if (change === "changed" || samePatterns || inferred) {
        reasons.push({ kind, name, change, inferred });
      }
    }
  }
  return reasons;
}

/** `K=sha256` pairs as name → digest (an env name never contains `=`). */
function envDigests(pairs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    out.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return out;
}

function diffKeys(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): [string, EnvChange][] {
  const out: [string, EnvChange][] = [];
  for (const [name, value] of after) {
    const was = before.get(name);
    if (was === undefined) out.push([name, "set"]);
    else if (was !== value) out.push([name, "changed"]);
  }
  for (const name of before.keys()) if (!after.has(name)) out.push([name, "unset"]);
  return out.sort((x, y) => compareUtf8(x[0], y[0]));
}

function diffMaps(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): { modified: string[]; added: string[]; removed: string[] } {
  const modified: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [path, hash] of Object.entries(after)) {
    const was = before[path];
    if (was === undefined) added.push(path);
    else if (was !== hash) modified.push(path);
  }
  for (const path of Object.keys(before)) if (after[path] === undefined) removed.push(path);
  return {
    modified: modified.sort(compareUtf8),
    added: added.sort(compareUtf8),
    removed: removed.sort(compareUtf8),
  };
}

function closureChanges(
  before: readonly LockfileEntry[] | null,
  after: readonly LockfileEntry[] | null,
): ClosureChanges | undefined {
  return before === null || after === null ? undefined : diffClosures(before, after);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
