import type { WorkspaceError } from "../errors.js";
import { checkTaskDefinition } from "./check-task-definition.js";
import type { JsoncDocument } from "./jsonc-document.js";
import type { BoundariesConfig, RawTaskDefinition } from "./turbo-json.js";

/** The validated plain object of a turbo.json (see validate-json.ts). */
export type Fields = Readonly<Record<string, unknown>>;

/** Builds the `tasks` map and applies turbo's per-task value rules. */
export function readTasks(
  doc: JsoncDocument,
  fields: Fields,
): { tasks: Map<string, RawTaskDefinition> } | { error: WorkspaceError } {
  const tasks = new Map<string, RawTaskDefinition>();
  const written = (fields.tasks ?? {}) as Readonly<Record<string, RawTaskDefinition>>;
  for (const [key, task] of Object.entries(written)) {
    const error = checkTaskDefinition(doc, key, task);
    if (error !== undefined) return { error };
    tasks.set(key, task);
  }
  return { tasks };
}

export function stringsField(fields: Fields, key: string): readonly string[] | undefined {
  return fields[key] as readonly string[] | undefined;
}

export function boundariesField(fields: Fields): BoundariesConfig | undefined {
  return fields.boundaries as BoundariesConfig | undefined;
}

/** `pkg#task` keys, including `//#task`. */
export function isPackageTaskKey(key: string): boolean {
  return key.includes("#");
}
