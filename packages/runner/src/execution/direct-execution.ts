import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { PackageManager } from "@turbine/workspace";

import { spawnTask } from "../process/spawn-task.js";
import { TaskOutput } from "../process/task-output.js";
import type { TaskResult } from "../task-result.js";
import { bunModel } from "./direct/bun-model.js";
import { learn, scriptEnv } from "./direct/learn.js";
import { type Chunk, hasScript, type Learned, type ManagerModel } from "./direct/model.js";
import { npmModel } from "./direct/npm-model.js";
import { pnpmModel } from "./direct/pnpm-model.js";
import { probeShebangUsable, runProbe, writeProbeShell } from "./direct/probe.js";
import { yarnModel } from "./direct/yarn-model.js";
import {
  runArgs,
  runThroughPackageManager,
  withTurboMessage,
} from "./package-manager-execution.js";
import type { ScriptIo, ScriptTask, TaskExecution } from "./task-execution.js";

export interface DirectExecutionOptions {
  readonly manager: PackageManager;
  /** Every task the run may execute: each group's probe picks the most telling one. */
  readonly tasks: readonly ScriptTask[];
  /** Told once per reason why tasks run through the package manager after all. */
  readonly notice: (message: string) => void;
  /** Stops probes when the run stops. */
  readonly signal?: AbortSignal;
}

/** A group's probe outcome: what was learned, or why its tasks run through the manager. */
type GroupState = { readonly learned: Learned } | { readonly reason: string };

/**
 * `--execution=direct`: runs each script the way the repo's package manager would, without
 * starting the manager. Tasks that share an environment form a group; the first task of a group
 * to run triggers one probe, a real run of the manager on one of the group's scripts with a
 * stand-in shell (see `probe.ts`), from which the manager's own variables are learned and the
 * model checked (`learn.ts`). Anything the model cannot reproduce sends the task, or its group,
 * through the package manager, said once through `notice`.
 */
export class DirectExecution implements TaskExecution {
  readonly #groups = new Map<string, { candidate: ScriptTask; state?: Promise<GroupState> }>();
  readonly #noticed = new Set<string>();
  #groupCount = 0;

  private constructor(
    private readonly options: DirectExecutionOptions,
    private readonly model: ManagerModel | string,
    private readonly dir: string,
  ) {
    if (typeof model === "string") return;
    for (const task of options.tasks) {
      if (model.unsupported(task) !== undefined) continue;
      const key = groupKey(task);
      const group = this.#groups.get(key);
      if (group === undefined || score(task) > score(group.candidate)) {
        this.#groups.set(key, { candidate: task });
      }
    }
  }

  static async create(options: DirectExecutionOptions): Promise<DirectExecution> {
    const dir = await mkdtemp(join(tmpdir(), "turbine-direct-"));
    return new DirectExecution(options, modelFor(options.manager), dir);
  }

  async run(task: ScriptTask, io: ScriptIo): Promise<TaskResult> {
    const { model } = this;
    if (typeof model === "string") return this.#fallBack(task, io, model);
    const unsupported = model.unsupported(task);
    if (unsupported !== undefined) return this.#fallBack(task, io, unsupported);
    const state = await this.#stateOf(model, task);
    if ("reason" in state) return this.#fallBack(task, io, state.reason);
    const { learned } = state;
    const path = model.path(task, learned, task.env.PATH ?? "");
    const shell = model.shell(task, learned, path);
    if (shell === undefined)
      return this.#fallBack(task, io, "its `script-shell` setting could not be read");
    const steps = model.steps(task, learned.runsPrePost ?? false);
    const output = new TaskOutput(task.logFile, io.onLine);
    const write = (chunks: readonly Chunk[]): void => {
      for (const chunk of chunks) output.write(chunk.stream, chunk.text);
    };
    const started = performance.now();
    write(model.opening(task, learned));
    let failed: TaskResult | undefined;
    for (const step of steps) {
      write(step.banner);
      const result = await spawnTask({
        command: shell.shell,
        args: ["-c", step.command],
        cwd: task.dir,
        env: scriptEnv(model, task, step, learned, shell.vars),
        signal: io.signal,
        ...(io.interrupt === undefined ? {} : { interrupt: io.interrupt }),
        onLine: io.onLine,
        output,
        ...(io.killGraceMs === undefined ? {} : { killGraceMs: io.killGraceMs }),
      });
      if (result.status === "success") continue;
      if (result.status === "failure" && result.reason === "exit-non-zero") {
        write(model.failure(task, step, result.exitCode, shell.shell));
      }
      failed = result;
      break;
    }
    const durationMs = Math.round(performance.now() - started);
    if (failed === undefined) write(model.success(task, durationMs));
    await output.end();
    const result: TaskResult = failed ?? { status: "success", reason: "executed", durationMs };
    return withTurboMessage({ ...result, durationMs } as TaskResult, this.options.manager, task);
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  #fallBack(task: ScriptTask, io: ScriptIo, reason: string): Promise<TaskResult> {
    if (!this.#noticed.has(reason)) {
      this.#noticed.add(reason);
      this.options.notice(
        `direct execution: ${task.id} runs through ${this.options.manager.command}: ${reason}`,
      );
    }
    return runThroughPackageManager(this.options.manager, task, io);
  }

  #stateOf(model: ManagerModel, task: ScriptTask): Promise<GroupState> {
    const key = groupKey(task);
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { candidate: task };
      this.#groups.set(key, group);
    }
    group.state ??= this.#probe(model, group.candidate);
    return group.state;
  }

  async #probe(model: ManagerModel, task: ScriptTask): Promise<GroupState> {
    if (!probeShebangUsable()) return { reason: "Node.js lives at a path a `#!` line cannot name" };
    const { manager } = this.options;
    const shell = await writeProbeShell(this.dir, model.probeName);
    const hook = model.probeHook(shell.path);
    const prefix = hook.pathPrefix;
    const run = await runProbe(
      {
        command: manager.command,
        args: runArgs(manager, task.script, task.args),
        cwd: task.dir,
        env: {
          ...task.env,
          ...hook.env,
          ...(prefix === undefined ? {} : { PATH: `${prefix}:${task.env.PATH ?? ""}` }),
        },
        dir: this.dir,
        signal: this.options.signal ?? new AbortController().signal,
      },
      shell.records,
    );
    const learned = learn(model, task, run, prefix);
    if (typeof learned === "string")
      return { reason: `${manager.command} did not run as modelled (${learned})` };
    const pathHead =
      model.setup === undefined
        ? []
        : await model.setup(learned, join(this.dir, `group-${this.#groupCount++}`));
    return { learned: { ...learned, pathHead } };
  }
}

function modelFor(manager: PackageManager): ManagerModel | string {
  switch (manager.name) {
    case "npm":
      return npmModel;
    case "pnpm":
      return pnpmModel;
    case "yarn":
      return yarnModel;
    case "bun":
      return bunModel;
    case "berry":
      return "yarn berry gives each script a temporary folder of its dependencies' binaries, which Turbine does not build";
    case "pnpm6":
      return "pnpm before 7 is not modelled";
  }
}

/**
 * Tasks whose environments differ only in TURBO_HASH see the manager act alike (npm tells the
 * root package from workspaces in its user agent, hence `isRoot`).
 */
function groupKey(task: ScriptTask): string {
  const entries = Object.entries(task.env)
    .filter(([key]) => key !== "TURBO_HASH")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([task.isRoot, entries]);
}

/** The most telling probe: a script with `pre`/`post` scripts shows whether the manager runs them. */
function score(task: ScriptTask): number {
  const hooks =
    hasScript(task.manifest, `pre${task.script}`) || hasScript(task.manifest, `post${task.script}`);
  return (hooks ? 2 : 0) + (task.args.length > 0 ? 1 : 0);
}
