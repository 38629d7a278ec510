import { compareUtf8 } from "./byte-order.js";
import { type ClosureChanges, diffClosures } from "./closure-diff.js";
import type { TaskEnvironmentVariables } from "./explanation.js";
import type { LockfileEntry } from "./hashables.js";
import type { EnvChange, GlobalSetting, MissReason } from "./miss-reason.js";
import type { TaskHashState } from "./task-record.js";

/** The global inputs that differ (files, env, root dependencies, settings), when the hash did. */
export function globalReasons(
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
export function envReasons(
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

export function closureChanges(
  before: readonly LockfileEntry[] | null,
  after: readonly LockfileEntry[] | null,
): ClosureChanges | undefined {
  return before === null || after === null ? undefined : diffClosures(before, after);
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
