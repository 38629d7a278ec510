import type { WorkspaceError } from "../errors.js";
import { errorAt } from "./error-at.js";
import type { JsoncDocument } from "./jsonc-document.js";
import type { RawTaskDefinition } from "./turbo-json.js";

export const TURBO_EXTENDS = "$TURBO_EXTENDS$";
export const TURBO_DEFAULT = "$TURBO_DEFAULT$";
export const TURBO_ROOT = "$TURBO_ROOT$";

/**
 * turbo's value rules for one task entry (the schema cannot express them). Returns the first
 * problem, with turbo's wording after the `file: key` prefix.
 */
export function checkTaskDefinition(
  doc: JsoncDocument,
  key: string,
  task: RawTaskDefinition,
): WorkspaceError | undefined {
  const at = (field: string, index?: number): (string | number)[] =>
    index === undefined ? ["tasks", key, field] : ["tasks", key, field, index];
  for (const [index, dep] of (task.dependsOn ?? []).entries()) {
    if (dep !== TURBO_EXTENDS && dep.startsWith("$")) {
      return errorAt(
        doc,
        "ERR_CONFIG_INVALID_VALUE",
        at("dependsOn", index),
        `\`dependsOn\` cannot contain an environment variable (got ${JSON.stringify(dep)}).`,
        "Move environment variables to `env`.",
      );
    }
  }
  for (const field of ["env", "passThroughEnv"] as const) {
    for (const [index, name] of (task[field] ?? []).entries()) {
      if (name !== TURBO_EXTENDS && name.startsWith("$")) {
        return errorAt(
          doc,
          "ERR_CONFIG_INVALID_VALUE",
          at(field, index),
          `Environment variables should not be prefixed with "$" (got ${JSON.stringify(name)}).`,
          `Write ${JSON.stringify(name.slice(1))}.`,
        );
      }
    }
  }
  for (const [index, sibling] of (task.with ?? []).entries()) {
    if (sibling.startsWith("^")) {
      return errorAt(
        doc,
        "ERR_CONFIG_INVALID_VALUE",
        at("with", index),
        "`with` cannot use dependency relationships.",
        "Remove `^` from the start of the task name.",
      );
    }
  }
  for (const field of ["outputs", "inputs"] as const) {
    for (const [index, glob] of (task[field] ?? []).entries()) {
      if (typeof glob !== "string") {
        const problem = checkStructuredInput(glob);
        if (problem !== undefined)
          return errorAt(
            doc,
            "ERR_CONFIG_INVALID_VALUE",
            at(field, index),
            `Invalid inputs for task: ${problem}`,
          );
        continue;
      }
      const problem = checkGlob(field, glob);
      if (problem !== undefined)
        return errorAt(doc, "ERR_CONFIG_INVALID_VALUE", at(field, index), problem);
    }
  }
  return undefined;
}

function checkGlob(field: string, glob: string): string | undefined {
  if (glob === TURBO_EXTENDS || glob === TURBO_DEFAULT) return undefined;
  const positive = glob.startsWith("!") ? glob.slice(1) : glob;
  let rest = positive;
  if (positive.startsWith(`${TURBO_ROOT}/`)) rest = positive.slice(TURBO_ROOT.length + 1);
  else if (positive.startsWith(TURBO_ROOT))
    return `"$TURBO_ROOT$" must be followed by a '/' (got ${JSON.stringify(glob)}).`;
  else if (positive.includes(TURBO_ROOT))
    return `"$TURBO_ROOT$" must be used at the start of glob (got ${JSON.stringify(glob)}).`;
  if (rest.startsWith("/") || /^[A-Za-z]:[\\/]/.test(rest)) {
    return `\`${field}\` cannot contain an absolute path (got ${JSON.stringify(glob)}).`;
  }
  return undefined;
}

function checkStructuredInput(input: {
  mode?: string;
  from?: readonly string[];
}): string | undefined {
  if (input.mode !== undefined && input.mode !== "jit" && input.mode !== "dependencyOutputs") {
    return `Unknown input mode ${JSON.stringify(input.mode)}`;
  }
  if (input.from !== undefined && input.mode !== "dependencyOutputs") {
    return '`from` is only valid with mode "dependencyOutputs"';
  }
  return undefined;
}
