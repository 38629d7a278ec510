import type { Chunk, DirectTask, Learned, ManagerModel, Step } from "./model.js";
import { hasScript } from "./model.js";
import type { ProbeRun } from "./probe.js";

/**
 * Not learned: PATH has a model of its own, and every POSIX shell sets PWD to its working
 * directory when it starts, so a script sees its package directory there whichever way it ran
 * (the probe stands in for the shell, so it sees the manager's own PWD).
 */
const SHELL_SET = ["PATH", "PWD"];

/**
 * Learns, from one probe of `task`, what the package manager sets for every script of the
 * task's group, and checks that the model reproduces everything else the manager did for that
 * task: the shells it started (commands, cwd), each variable of their environment, and every byte
 * it printed. Returns the reason direct execution must not be used when anything differs.
 */
export function learn(
  model: ManagerModel,
  task: DirectTask,
  run: ProbeRun,
  probePathPrefix: string | undefined,
): Learned | string {
  if (run.exit !== 0) {
    const said = (run.stderr.trim().split("\n")[0] ?? "").slice(0, 200);
    return `the probe run ended with ${String(run.exit)}${said === "" ? "" : `: ${said}`}`;
  }
  const first = run.invocations[0];
  if (first === undefined) return "the package manager started no shell";
  const prePost =
    hasScript(task.manifest, `pre${task.script}`) || hasScript(task.manifest, `post${task.script}`);
  const commands = run.invocations.map((i) => (i.argv[0] === "-c" ? i.argv[1] : undefined));
  const matches = (steps: Step[]): boolean =>
    steps.length === commands.length && steps.every((s, i) => s.command === commands[i]);
  let runsPrePost: boolean | undefined;
  let steps = model.steps(task, false);
  if (prePost && matches(model.steps(task, true))) {
    runsPrePost = true;
    steps = model.steps(task, true);
  } else if (prePost && matches(steps)) runsPrePost = false;
  else if (!matches(steps)) {
    return `it ran ${JSON.stringify(commands)}, not ${JSON.stringify(steps.map((s) => s.command))}`;
  }
  const originalPath = task.env.PATH ?? "";
  const seenPath = first.env.PATH ?? "";
  const pathAdditions = model.pathAdditions(
    seenPath,
    task,
    probePathPrefix === undefined ? originalPath : `${probePathPrefix}:${originalPath}`,
  );
  if (pathAdditions === undefined) return `its PATH has another shape: ${seenPath}`;

  const computed = model.scriptVars(task, steps[0] as Step);
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(first.env)) {
    if (SHELL_SET.includes(key) || model.hookKeys.includes(key) || key in computed) continue;
    if (task.env[key] === value) continue;
    if (/^npm_(package|lifecycle)_/.test(key))
      return `it sets ${key}, which Turbine does not compute`;
    if (!task.isRoot && (value === task.dir || value.startsWith(`${task.dir}/`))) {
      return `it sets ${key} to the package's directory, which Turbine does not compute`;
    }
    overrides[key] = value;
  }
  const removals = new Set(
    Object.keys(task.env).filter((key) => !(key in first.env) && key !== "PATH"),
  );
  const learned: Learned = { overrides, removals, pathAdditions, runsPrePost, pathHead: [] };

  for (const [index, step] of steps.entries()) {
    const seen = run.invocations[index] as (typeof run.invocations)[number];
    if (seen.cwd !== task.dir) return `it ran \`${step.event}\` in ${seen.cwd}`;
    const expected = scriptEnv(model, task, step, learned, {});
    const difference = firstDifference(expected, seen.env, [...SHELL_SET, ...model.hookKeys]);
    if (difference !== undefined) return `\`${step.event}\` saw ${difference}`;
  }
  const printed = [
    ...model.opening(task, learned),
    ...steps.flatMap((s) => s.banner),
    ...model.success(task, 0),
  ];
  for (const stream of ["stdout", "stderr"] as const) {
    const normalize = (text: string): string => model.normalizeOutput?.(text) ?? text;
    const expected = normalize(textOf(printed, stream));
    const seen = normalize(stream === "stdout" ? run.stdout : run.stderr);
    if (expected !== seen) return `it printed ${JSON.stringify(seen.slice(0, 300))} on ${stream}`;
  }
  return learned;
}

/** The environment of one step: the caller's, as the manager changes it, plus its own variables. */
export function scriptEnv(
  model: ManagerModel,
  task: DirectTask,
  step: Step,
  learned: Learned,
  shellVars: Readonly<Record<string, string>>,
): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(task.env).filter(([key]) => !learned.removals.has(key)),
  );
  Object.assign(env, learned.overrides, shellVars, model.scriptVars(task, step));
  env.PATH = model.path(task, learned, task.env.PATH ?? "");
  return env;
}

function textOf(chunks: readonly Chunk[], stream: Chunk["stream"]): string {
  return chunks
    .filter((c) => c.stream === stream)
    .map((c) => c.text)
    .join("");
}

function firstDifference(
  expected: Readonly<Record<string, string>>,
  seen: Readonly<Record<string, string>>,
  ignored: readonly string[],
): string | undefined {
  for (const key of new Set([...Object.keys(expected), ...Object.keys(seen)])) {
    if (ignored.includes(key) || expected[key] === seen[key]) continue;
    return `${key}=${JSON.stringify(seen[key] ?? null)} (Turbine: ${JSON.stringify(expected[key] ?? null)})`;
  }
  return undefined;
}
