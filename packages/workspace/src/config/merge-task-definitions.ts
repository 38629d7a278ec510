import { compareBytes } from "../byte-order.js";
import { TURBO_EXTENDS } from "./check-task-definition.js";
import type { OutputLogsMode, RawTaskDefinition, TaskInput } from "./turbo-json.js";

/** An array field after `$TURBO_EXTENDS$` was taken out: `extends` means append, not replace. */
export interface ArrayField<T> {
  readonly values: readonly T[];
  readonly extends: boolean;
}

/** One turbo.json's contribution to a task, ready to merge. */
export interface ProcessedTask {
  readonly cache?: boolean;
  readonly description?: string;
  readonly persistent?: boolean;
  readonly interruptible?: boolean;
  readonly interactive?: boolean;
  readonly outputLogs?: OutputLogsMode;
  readonly dependsOn?: ArrayField<string>;
  readonly env?: ArrayField<string>;
  readonly passThroughEnv?: ArrayField<string>;
  readonly outputs?: ArrayField<string>;
  readonly inputs?: ArrayField<TaskInput>;
  readonly with?: ArrayField<string>;
  readonly tags?: ArrayField<string>;
}

const ARRAY_KEYS = [
  "dependsOn",
  "env",
  "passThroughEnv",
  "outputs",
  "inputs",
  "with",
  "tags",
] as const;
const SCALAR_KEYS = [
  "cache",
  "description",
  "persistent",
  "interruptible",
  "interactive",
  "outputLogs",
] as const;
const SORTED = new Set<string>(["env", "passThroughEnv"]);

/** Takes `$TURBO_EXTENDS$` out of each array (wherever it is) and sorts env lists, as turbo does. */
export function processTask(raw: RawTaskDefinition): ProcessedTask {
  const out: Record<string, unknown> = {};
  for (const key of SCALAR_KEYS) if (raw[key] !== undefined) out[key] = raw[key];
  for (const key of ARRAY_KEYS) {
    const values = raw[key];
    if (values === undefined) continue;
    const marker = values.indexOf(TURBO_EXTENDS);
    const kept = marker === -1 ? [...values] : values.filter((_, index) => index !== marker);
    if (SORTED.has(key)) (kept as string[]).sort(compareBytes);
    out[key] = { values: kept, extends: marker !== -1 } satisfies ArrayField<TaskInput>;
  }
  return out;
}

/** Folds contributions first to last: later scalars win; arrays replace unless they extend. */
export function mergeTasks(tasks: Iterable<ProcessedTask>): ProcessedTask {
  let merged: Record<string, unknown> = {};
  for (const task of tasks) {
    const next: Record<string, unknown> = { ...merged };
    for (const key of SCALAR_KEYS) if (task[key] !== undefined) next[key] = task[key];
    for (const key of ARRAY_KEYS) {
      const other = task[key];
      if (other === undefined) continue;
      const base = merged[key] as ArrayField<TaskInput> | undefined;
      next[key] = base === undefined || !other.extends ? other : extendField(key, base, other);
    }
    merged = next;
  }
  return merged;
}

function extendField(
  key: string,
  base: ArrayField<TaskInput>,
  other: ArrayField<TaskInput>,
): ArrayField<TaskInput> {
  const values = [...base.values, ...other.values];
  if (!SORTED.has(key)) return { values, extends: true };
  const sorted = (values as string[])
    .sort(compareBytes)
    .filter((value, index, all) => index === 0 || all[index - 1] !== value);
  return { values: sorted, extends: true };
}

/** turbo's `has_config_beyond_extends`: does the entry say anything besides `extends`? */
export function hasConfigBeyondExtends(raw: RawTaskDefinition): boolean {
  return (
    raw.cache !== undefined ||
    raw.dependsOn !== undefined ||
    raw.env !== undefined ||
    raw.inputs !== undefined ||
    raw.passThroughEnv !== undefined ||
    raw.persistent !== undefined ||
    raw.interruptible !== undefined ||
    raw.outputs !== undefined ||
    raw.outputLogs !== undefined ||
    raw.interactive !== undefined ||
    raw.with !== undefined
  );
}
