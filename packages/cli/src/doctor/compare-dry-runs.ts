/**
 * Compares two `run --dry=json` documents, turbo's and Turbine's, task by task: whether each
 * task hashes the same, and where not, which of the printed hash inputs differ. Pure.
 */

/** The parts of a `--dry=json` document the comparison reads. */
export interface DryRunDocument {
  readonly globalCacheInputs: unknown;
  readonly envMode?: unknown;
  readonly frameworkInference?: unknown;
  readonly tasks: readonly DryRunTask[];
}

export interface DryRunTask {
  readonly taskId: string;
  readonly hash: string;
  readonly hashOfExternalDependencies?: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly environmentVariables?: unknown;
  readonly framework?: unknown;
  readonly dependencies?: readonly string[];
  readonly resolvedTaskDefinition?: unknown;
  readonly outputs?: unknown;
  readonly cliArguments?: unknown;
}

/** A hash input that can differ, in the words the report uses. */
export type HashInput =
  "global" | "external dependencies" | "files" | "env" | "dependencies" | "task definition";

export type TaskComparison =
  | { readonly taskId: string; readonly status: "same"; readonly hash: string }
  | {
      readonly taskId: string;
      readonly status: "different";
      readonly turboHash: string;
      readonly turbineHash: string;
      readonly differences: readonly HashInput[];
      /** File keys whose hash differs or that only one side has (at most a few). */
      readonly files: readonly string[];
    }
  | { readonly taskId: string; readonly status: "only-turbo" | "only-turbine" };

/** At most this many differing file keys are kept per task. */
const FILE_SAMPLE = 5;

export function compareDryRuns(turbo: DryRunDocument, turbine: DryRunDocument): TaskComparison[] {
  const ours = new Map(turbine.tasks.map((t) => [t.taskId, t]));
  const theirs = new Map(turbo.tasks.map((t) => [t.taskId, t]));
  const globalDiffers =
    !sameJson(turbo.globalCacheInputs, turbine.globalCacheInputs) ||
    turbo.envMode !== turbine.envMode ||
    turbo.frameworkInference !== turbine.frameworkInference;
  const out: TaskComparison[] = [];
  for (const task of turbo.tasks) {
    const mine = ours.get(task.taskId);
    if (mine === undefined) {
      out.push({ taskId: task.taskId, status: "only-turbo" });
    } else if (mine.hash === task.hash) {
      out.push({ taskId: task.taskId, status: "same", hash: task.hash });
    } else {
      const files = differingKeys(task.inputs ?? {}, mine.inputs ?? {});
      const differences: HashInput[] = [];
      if (globalDiffers) differences.push("global");
      if (task.hashOfExternalDependencies !== mine.hashOfExternalDependencies)
        differences.push("external dependencies");
      if (files.length > 0) differences.push("files");
      if (
        !sameJson(
          [task.environmentVariables, task.framework],
          [mine.environmentVariables, mine.framework],
        )
      )
        differences.push("env");
      if (dependenciesDiffer(task, mine, theirs, ours)) differences.push("dependencies");
      if (
        !sameJson(
          [task.resolvedTaskDefinition, task.outputs, task.cliArguments],
          [mine.resolvedTaskDefinition, mine.outputs, mine.cliArguments],
        )
      )
        differences.push("task definition");
      out.push({
        taskId: task.taskId,
        status: "different",
        turboHash: task.hash,
        turbineHash: mine.hash,
        differences,
        files: files.slice(0, FILE_SAMPLE),
      });
    }
  }
  for (const task of turbine.tasks) {
    if (!theirs.has(task.taskId)) out.push({ taskId: task.taskId, status: "only-turbine" });
  }
  return out;
}

function differingKeys(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).sort();
}

/** A different dependency list, or a dependency whose own hash differs. */
function dependenciesDiffer(
  turbo: DryRunTask,
  turbine: DryRunTask,
  turboTasks: ReadonlyMap<string, DryRunTask>,
  turbineTasks: ReadonlyMap<string, DryRunTask>,
): boolean {
  const deps = turbo.dependencies ?? [];
  if (!sameJson([...deps].sort(), [...(turbine.dependencies ?? [])].sort())) return true;
  return deps.some((id) => turboTasks.get(id)?.hash !== turbineTasks.get(id)?.hash);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
