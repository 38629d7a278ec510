import { diffExplanations, type TaskEnvironmentVariables } from "./explanation.js";
import { closureChanges, envReasons, globalReasons, sameJson } from "./global-reasons.js";
import {
  type CommittedArtifact,
  HASHED_DEFINITION_KEYS,
  type MissReason,
  type TaskOutputs,
} from "./miss-reason.js";
import type { TaskHashState, TaskRecord } from "./task-record.js";

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
