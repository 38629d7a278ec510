import { type HashRunResult } from "@turbine/hasher";
import { hashRun, type HashRunTask } from "@turbine/hasher/internal";
import { cleanEnv, runTurbo, type TempRepo, type TurboDryRun } from "@turbine/test-utils";
import { loadWorkspace } from "@turbine/workspace";
import { expect } from "vitest";

/** A task definition as the test repos write it in turbo.json. */
interface TaskConfig {
  readonly env?: readonly string[];
  readonly passThroughEnv?: readonly string[];
  readonly inputs?: readonly string[];
  readonly outputs?: readonly string[];
}

interface TurboJson {
  readonly tasks: Readonly<Record<string, TaskConfig>>;
  readonly globalDependencies?: readonly string[];
  readonly globalEnv?: readonly string[];
  readonly globalPassThroughEnv?: readonly string[];
}

interface DryTask {
  readonly taskId: string;
  readonly task: string;
  readonly package?: string;
  readonly hash: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly hashOfExternalDependencies: string;
  readonly dependencies: readonly string[];
  readonly framework: string;
  readonly environmentVariables: unknown;
}

export interface RunCase {
  /** turbo args before `--dry=json`, e.g. `["run", "build", "--", "--x"]`. */
  readonly args?: readonly string[];
  /** Extra environment variables for both turbo and Turbine. */
  readonly env?: Readonly<Record<string, string>>;
  readonly singlePackage?: boolean;
}

/**
 * Runs the real turbo `--dry=json` on `repo`, hashes the same run with Turbine (the task graph's
 * shape is taken from turbo's output, definitions from turbo.json), and compares every printed
 * value: global cache inputs, each task's hash, file map, external deps hash, env and framework.
 */
export async function expectRunMatchesTurbo(
  repo: TempRepo,
  run: RunCase = {},
): Promise<HashRunResult> {
  const args = run.args ?? ["run", "build"];
  const dry = await dryRun(repo.root, args, run.env ?? {});
  const turboJson = JSON.parse(await repo.read("turbo.json")) as TurboJson;
  const workspace = await loadWorkspace(repo.root, { singlePackage: run.singlePackage ?? false });
  const dash = args.indexOf("--");
  const tasks = (dry.tasks as unknown as DryTask[]).map((t) => taskOf(t, turboJson));
  const result = await hashRun({
    workspace,
    tasks,
    env: cleanEnv(run.env),
    globalDependencies: turboJson.globalDependencies ?? [],
    globalEnv: turboJson.globalEnv ?? [],
    globalPassThroughEnv: turboJson.globalPassThroughEnv ?? null,
    envMode: dry.envMode,
    frameworkInference: dry.frameworkInference,
    passThruArgs: dash === -1 ? [] : args.slice(dash + 1),
  });
  expect(result.globalInputs).toEqual(dry.globalCacheInputs);
  for (const t of dry.tasks as unknown as DryTask[]) {
    const ours = result.tasks.get(t.taskId)?.explanation;
    expect({
      taskId: ours?.taskId,
      inputs: Object.fromEntries(ours?.inputs ?? []),
      hashOfExternalDependencies: ours?.hashOfExternalDependencies ?? "",
      environmentVariables: ours?.environmentVariables,
      framework: ours?.framework,
      hash: ours?.hash,
    }).toEqual({
      taskId: t.taskId,
      inputs: t.inputs,
      hashOfExternalDependencies: t.hashOfExternalDependencies,
      environmentVariables: t.environmentVariables,
      framework: t.framework,
      hash: t.hash,
    });
  }
  return result;
}

function taskOf(t: DryTask, turboJson: TurboJson): HashRunTask {
  const pkg = t.package ?? "//";
  const config =
    turboJson.tasks[`${pkg}#${t.task}`] ?? turboJson.tasks[t.task] ?? ({} satisfies TaskConfig);
  return {
    id: t.taskId,
    package: pkg,
    task: t.task,
    dependencies: t.dependencies,
    env: config.env ?? [],
    passThroughEnv: config.passThroughEnv ?? null,
    inputs: config.inputs ?? [],
    outputs: config.outputs ?? [],
  };
}

/** `turbo <args> --dry=json`, with the flag placed before any `--`. */
async function dryRun(
  root: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<TurboDryRun> {
  const dash = args.indexOf("--");
  const full =
    dash === -1
      ? [...args, "--dry=json"]
      : [...args.slice(0, dash), "--dry=json", ...args.slice(dash)];
  const result = await runTurbo(root, full, { env });
  if (result.code !== 0) throw new Error(`turbo ${full.join(" ")} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as TurboDryRun;
}
