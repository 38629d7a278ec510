import type { EvictionReport } from "@turbine/cache";
import { compareUtf8 } from "@turbine/hasher";
import { ROOT_PACKAGE_NAME } from "@turbine/workspace";

import type { RemoteCacheState } from "./events.js";
import { gitInfo } from "./git-info.js";
import { openCache, plannedCacheInput } from "./open-cache.js";
import { planRun } from "./plan-run.js";
import { recordTasks } from "./record-tasks.js";
import { explainDryRun } from "./records/explain-dry-run.js";
import { findRepoRoot } from "./repo-root.js";
import type { RunOptions } from "./run-options.js";
import { ksuid } from "./summary/ksuid.js";
import { runRecord } from "./summary/run-record.js";
import { SUMMARY_TURBO_VERSION } from "./version.js";

export interface DryRunOutcome {
  /** The `--dry=json` document, turbo's shape and key order. */
  readonly record: Record<string, unknown>;
  /** Packages in scope with their repo-relative dirs, for the text form's table. */
  readonly packages: readonly { readonly name: string; readonly dir: string }[];
  readonly singlePackage: boolean;
  readonly banner: RemoteCacheState;
  readonly warnings: readonly string[];
  /** What local cache eviction did (turbo evicts on dry runs too). */
  readonly eviction: EvictionReport | undefined;
}

/**
 * `--dry`: plans the run and asks the cache what it holds for every task, without running or
 * restoring anything.
 */
export async function dryRun(options: RunOptions): Promise<DryRunOutcome> {
  // git runs while the plan is built; gitInfo never rejects.
  const gitPending = gitInfo(findRepoRoot(options.cwd));
  const plan = await planRun(options);
  const warnings: string[] = [...plan.warnings];
  let eviction: EvictionReport | undefined;
  const [git, opened] = await Promise.all([
    gitPending,
    openCache({
      ...plannedCacheInput(plan, options),
      gitSha: null,
      warn: (message) => warnings.push(message),
      checkStatus: false,
      onEviction: (report) => {
        eviction = report;
      },
      signal: options.signal,
    }),
  ]);
  try {
    let tasks = await recordTasks(plan, opened.cache);
    if (options.explain === true) tasks = await explainDryRun(plan, tasks, opened, options, git);
    const record = runRecord({
      id: ksuid(Date.now()),
      turboVersion: SUMMARY_TURBO_VERSION,
      singlePackage: plan.workspace.singlePackage,
      globalCacheInputs: plan.hashes.globalInputs,
      packages: plan.packagesInScope,
      envMode: plan.settings.envMode,
      frameworkInference: plan.settings.frameworkInference,
      tasks,
      scm: git === undefined ? null : { type: "git", ...git },
    });
    const packages = plan.packagesInScope.map((name) => ({
      name,
      dir: name === ROOT_PACKAGE_NAME ? "" : (plan.workspace.packages.get(name)?.dir ?? ""),
    }));
    packages.sort((a, b) => compareUtf8(a.name, b.name));
    const outcome = { record, packages, singlePackage: plan.workspace.singlePackage };
    await opened.close();
    return { ...outcome, banner: opened.banner, warnings, eviction };
  } catch (error) {
    await opened.close(false);
    throw error;
  }
}
