import { resolve } from "node:path";

import { RunnerError } from "./errors.js";
import { gitInfo } from "./git-info.js";
import { openCache } from "./open-cache.js";
import { planRun } from "./plan-run.js";
import {
  forcedBy,
  missCause,
  MissExplainer,
  type MissExplanation,
} from "./records/miss-explainer.js";
import { TaskRecordStore } from "./records/record-store.js";
import { taskRecordsEnabled } from "./records/run-recorder.js";
import { findRepoRoot } from "./repo-root.js";
import type { RunOptions } from "./run-options.js";

/** What `why` takes: a task id plus the run options that shape its hash and the cache. */
export interface WhyOptions extends Pick<
  RunOptions,
  | "cwd"
  | "inferPackage"
  | "pkgInferenceRoot"
  | "rootTurboJson"
  | "passThroughArgs"
  | "cacheFlags"
  | "cacheDir"
  | "remoteFlags"
  | "envMode"
  | "frameworkInference"
  | "singlePackage"
  | "dangerouslyDisablePackageManagerCheck"
  | "env"
> {
  /** `<package>#<task>` (a bare task name in single-package mode). */
  readonly task: string;
  /** Another record store to compare with (e.g. a copy of a CI machine's), relative to `cwd`. */
  readonly against?: string;
}

/** The verdict: `hit` (the cache has the task's hash), `miss`, or `no-script` (nothing to run). */
export type WhyOutcome =
  | {
      readonly verdict: "hit";
      readonly taskId: string;
      readonly hash: string;
      readonly source: "LOCAL" | "REMOTE";
      readonly warnings: readonly string[];
    }
  | {
      readonly verdict: "miss";
      readonly taskId: string;
      readonly hash: string;
      readonly explanation: MissExplanation;
      readonly warnings: readonly string[];
    }
  | {
      readonly verdict: "no-script";
      readonly taskId: string;
      readonly hash: string;
      readonly warnings: readonly string[];
    };

/**
 * `turbine why <package>#<task>`: hashes the task as `turbine run <package>#<task>` would, asks
 * the cache for that hash, and on a miss explains it against the task's last record. Runs and
 * writes nothing.
 */
export async function why(options: WhyOptions): Promise<WhyOutcome> {
  const env = options.env ?? process.env;
  const taskId = options.task;
  if (options.singlePackage !== true && !/^[^#]+#[^#]+$/.test(taskId)) {
    throw new RunnerError("ERR_RUNNER_INVALID_TASK_ID", `"${taskId}" is not a task id`, {
      hint: "Name one task as <package>#<task>, e.g. web#build (//#task for the root).",
    });
  }
  const gitPending = gitInfo(findRepoRoot(options.cwd));
  const plan = await planRun({ ...options, tasks: [taskId] });
  const git = await gitPending;
  const task = plan.tasks.get(taskId);
  if (task === undefined) {
    throw new RunnerError("ERR_RUNNER_INVALID_TASK_ID", `no task ${taskId} in this run's graph`, {
      hint: "Check the package name and the task in turbo.json.",
    });
  }
  const warnings: string[] = [];
  const opened = await openCache({
    repoRoot: plan.repoRoot,
    cacheDir: plan.settings.cacheDir,
    cacheWorkers: undefined,
    turboJson: plan.config.root,
    cacheFlags: options.cacheFlags,
    remoteFlags: options.remoteFlags,
    env,
    gitSha: null,
    warn: (message) => warnings.push(message),
    checkStatus: false,
  });
  try {
    const base = { taskId: task.id, hash: task.hash, warnings };
    if (task.script === undefined) return { verdict: "no-script", ...base };
    const { config } = opened;
    const reads = config.local.read || config.remote.read;
    const found = task.cache && reads ? await opened.cache.exists(task.hash) : undefined;
    if (found !== undefined) return { verdict: "hit", ...base, source: found.source };
    const store =
      options.against !== undefined
        ? TaskRecordStore.at(resolve(options.cwd, options.against))
        : taskRecordsEnabled(env)
          ? TaskRecordStore.forRepo(plan.repoRoot)
          : undefined;
    const explainer = new MissExplainer({
      plan,
      store,
      git,
      exists: (hash) => opened.cache.exists(hash),
    });
    const cause = missCause(
      task.cache,
      task.cache && reads ? "miss" : "bypass",
      forcedBy(options.cacheFlags?.force, env),
    );
    const explanation = await explainer.explain(task.id, cause);
    return {
      verdict: "miss",
      ...base,
      explanation: explanation ?? { previous: null, reasons: [] },
    };
  } finally {
    await opened.close();
  }
}
