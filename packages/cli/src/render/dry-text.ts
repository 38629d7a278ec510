/** The parts of the dry-run record the text form shows (see @turbine/runner `runRecord`). */
interface DryRecord {
  readonly globalCacheInputs: {
    readonly rootKey: string;
    readonly files: Readonly<Record<string, string>>;
    readonly hashOfExternalDependencies: string;
    readonly environmentVariables: EnvBlock;
    readonly engines: Readonly<Record<string, string>> | null;
  };
  readonly tasks: readonly DryTask[];
}

interface EnvBlock {
  readonly specified: {
    readonly env: readonly string[];
    readonly passThroughEnv: readonly string[] | null;
  };
  readonly configured: readonly string[];
  readonly inferred: readonly string[];
  readonly passthrough: readonly string[] | null;
}

interface DryTask {
  readonly taskId: string;
  readonly task: string;
  readonly package?: string;
  readonly hash: string;
  readonly cache: { readonly local: boolean; readonly remote: boolean };
  readonly directory?: string;
  readonly command: string;
  readonly outputs: readonly string[] | null;
  readonly logFile?: string;
  readonly dependencies: readonly string[];
  readonly dependents: readonly string[];
  readonly with: readonly string[];
  readonly inputs: Readonly<Record<string, string>>;
  readonly environmentVariables: EnvBlock;
  readonly resolvedTaskDefinition: unknown;
  readonly framework: string;
  /** Turbine's field with `--explain` (null: the task hits). */
  readonly missExplanation?: { readonly text: readonly string[] } | null;
}

export interface DryTextInput {
  readonly record: Record<string, unknown>;
  readonly packages: readonly { readonly name: string; readonly dir: string }[];
  readonly singlePackage: boolean;
}

/**
 * turbo's `--dry` text after the banner: packages table, global inputs, one block per task; with
 * `explain`, each missing task's block ends with its reasons (`Why`, one row each).
 */
export function dryText(input: DryTextInput, explain = false): string[] {
  const record = input.record as unknown as DryRecord;
  const lines: string[] = [""];
  if (!input.singlePackage) {
    // The table lists workspace packages only, never the root "//".
    const packages = input.packages.filter((p) => p.name !== "//");
    const width = Math.max(4, ...packages.map((p) => p.name.length)) + 1;
    lines.push("Packages in Scope", `${"Name".padEnd(width)}Path `);
    for (const pkg of packages) lines.push(`${pkg.name.padEnd(width)}${pkg.dir}`);
    lines.push("");
  }
  const global = record.globalCacheInputs;
  const env = global.environmentVariables;
  lines.push(
    "Global Hash Inputs",
    ...keyValues([
      ["Global Files", String(Object.keys(global.files).length)],
      ["External Dependencies Hash", global.hashOfExternalDependencies],
      ["Global Cache Key", global.rootKey],
      ["Global Env Vars", list(env.specified.env)],
      ["Global Env Vars Values", list(env.configured)],
      ["Inferred Global Env Vars Values", list(env.inferred)],
      ["Global Passed Through Env Vars", list(env.specified.passThroughEnv)],
      ["Global Passed Through Env Vars Values", list(env.passthrough)],
      [
        "Engines Values",
        Object.entries(global.engines ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(", "),
      ],
    ]),
    "",
    "Tasks to Run",
  );
  for (const task of record.tasks) {
    const why = explain ? (task.missExplanation?.text ?? []) : [];
    const rows = [
      ...taskRows(task, input.singlePackage),
      ...why.map((r, i): [string, string] => [i === 0 ? "Why" : "", r]),
    ];
    lines.push(task.taskId, ...keyValues(rows));
  }
  return lines;
}

function taskRows(task: DryTask, single: boolean): [string, string][] {
  const env = task.environmentVariables;
  return [
    ["Task", task.task],
    ...(single ? [] : ([["Package", task.package ?? ""]] as [string, string][])),
    ["Hash", task.hash],
    ["Cached (Local)", String(task.cache.local)],
    ["Cached (Remote)", String(task.cache.remote)],
    ...(single ? [] : ([["Directory", task.directory ?? ""]] as [string, string][])),
    ["Command", task.command],
    ["Outputs", list(task.outputs)],
    ["Log File", task.logFile ?? ""],
    ["Dependencies", list(task.dependencies)],
    ["Dependents", list(task.dependents)],
    ["With", list(task.with)],
    ["Inputs Files Considered", String(Object.keys(task.inputs).length)],
    ["Env Vars", list(env.specified.env)],
    ["Env Vars Values", list(env.configured)],
    ["Inferred Env Vars Values", list(env.inferred)],
    ["Passed Through Env Vars", list(env.specified.passThroughEnv)],
    ["Passed Through Env Vars Values", list(env.passthrough)],
    ["Resolved Task Definition", JSON.stringify(task.resolvedTaskDefinition)],
    ["Framework", task.framework],
  ];
}

function keyValues(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `  ${key.padEnd(width)} = ${value}`);
}

function list(values: readonly string[] | null): string {
  return (values ?? []).join(", ");
}
