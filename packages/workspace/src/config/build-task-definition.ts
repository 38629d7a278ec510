import { compareBytes, sortBytes } from "../byte-order.js";
import { WorkspaceError } from "../errors.js";
import { TURBO_DEFAULT, TURBO_ROOT } from "./check-task-definition.js";
import { type ConfigResult, fail, ok } from "./config-result.js";
import type { ProcessedTask } from "./merge-task-definitions.js";
import type { TaskDefinition } from "./task-definition.js";
import type { StructuredInput } from "./turbo-json.js";

export interface DefinitionContext {
  /** `pkg#task` (or `task` in single-package mode), for messages. */
  readonly taskId: string;
  /** The package directory, repo-relative ("" for the root). */
  readonly packageDir: string;
  /** `global.inputs` to prepend (only passed for tasks whose package has the script). */
  readonly globalInputs: readonly string[];
}

/** turbo's `TaskDefinition::from_processed`: defaults, `$TURBO_ROOT$`, and the two flag rules. */
export function buildTaskDefinition(
  merged: ProcessedTask,
  context: DefinitionContext,
): ConfigResult<TaskDefinition> {
  const cache = merged.cache ?? true;
  const interactive = merged.interactive ?? false;
  const persistent = merged.persistent ?? false;
  const interruptible = merged.interruptible ?? false;
  if (interactive && cache) {
    return fail(
      new WorkspaceError(
        "ERR_CONFIG_INVALID_TASK",
        `${context.taskId}: Tasks cannot be marked as interactive and cacheable.`,
        { hint: 'Set "cache": false on interactive tasks.' },
      ),
    );
  }
  if (interruptible && !persistent) {
    return fail(
      new WorkspaceError(
        "ERR_CONFIG_INVALID_TASK",
        `${context.taskId}: Interruptible tasks must be persistent.`,
        { hint: 'Set "persistent": true or remove "interruptible".' },
      ),
    );
  }
  const toRoot = pathToRoot(context.packageDir);
  const inclusions: string[] = [];
  const exclusions: string[] = [];
  for (const glob of merged.outputs?.values ?? []) {
    if (glob.startsWith("!")) exclusions.push(resolveRoot(glob.slice(1), toRoot));
    else inclusions.push(resolveRoot(glob, toRoot));
  }
  inclusions.sort(compareBytes);
  exclusions.sort(compareBytes);

  const written = merged.inputs?.values ?? [];
  const structuredInputs = written.filter(
    (input): input is StructuredInput => typeof input !== "string",
  );
  let inputs = written.filter((input): input is string => typeof input === "string");
  if (context.globalInputs.length > 0) {
    const globals = context.globalInputs.map((glob) =>
      glob.startsWith("!") ? `!${TURBO_ROOT}/${glob.slice(1)}` : `${TURBO_ROOT}/${glob}`,
    );
    inputs = merged.inputs === undefined ? [...globals, TURBO_DEFAULT] : [...globals, ...inputs];
  }

  const dependsOn = sortBytes(merged.dependsOn?.values ?? []);
  const env = [...(merged.env?.values ?? [])];
  const passThroughEnv =
    merged.passThroughEnv === undefined ? null : [...merged.passThroughEnv.values];
  const outputLogs = merged.outputLogs ?? "full";
  return ok({
    dependsOn,
    topologicalDependencies: unique(
      dependsOn.filter((dep) => dep.startsWith("^")).map((dep) => dep.slice(1)),
    ),
    taskDependencies: unique(dependsOn.filter((dep) => !dep.startsWith("^"))),
    outputs: { inclusions, exclusions },
    inputs,
    structuredInputs,
    env,
    passThroughEnv,
    cache,
    persistent,
    interactive,
    interruptible,
    outputLogs,
    with: [...(merged.with?.values ?? [])],
    tags: [...(merged.tags?.values ?? [])],
    description: merged.description,
    resolvedTaskDefinition: {
      outputs: sortBytes([...inclusions, ...exclusions.map((glob) => `!${glob}`)]),
      cache,
      dependsOn,
      inputs: sortBytes(
        inputs
          .filter((glob) => glob !== TURBO_DEFAULT)
          .map((glob) => resolveNegatable(glob, toRoot)),
      ),
      outputLogs,
      persistent,
      interruptible,
      env,
      passThroughEnv,
      interactive,
    },
  });
}

/** `../..` for `packages/a`, `.` for the root package. */
export function pathToRoot(packageDir: string): string {
  return packageDir === ""
    ? "."
    : packageDir
        .split("/")
        .map(() => "..")
        .join("/");
}

function resolveRoot(glob: string, toRoot: string): string {
  return glob.startsWith(`${TURBO_ROOT}/`)
    ? `${toRoot}/${glob.slice(TURBO_ROOT.length + 1)}`
    : glob;
}

function resolveNegatable(glob: string, toRoot: string): string {
  return glob.startsWith("!")
    ? `!${resolveRoot(glob.slice(1), toRoot)}`
    : resolveRoot(glob, toRoot);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
