import type { GitInfo } from "../git-info.js";
import type { OpenedCache } from "../open-cache.js";
import type { RunPlan } from "../plan-run.js";
import type { RunOptions } from "../run-options.js";
import type { RecordTask } from "../summary/run-record.js";
import { forcedBy, missCause, MissExplainer } from "./miss-explainer.js";
import { TaskRecordStore } from "./record-store.js";
import { taskRecordsEnabled } from "./run-recorder.js";

/**
 * `--dry --explain`: every task of the dry run with its `missExplanation` (null for a task the
 * cache has, or one with nothing to run), against the records of the last real runs.
 */
export async function explainDryRun(
  plan: RunPlan,
  tasks: readonly RecordTask[],
  opened: OpenedCache,
  options: RunOptions,
  git: GitInfo | undefined,
): Promise<RecordTask[]> {
  const env = options.env ?? process.env;
  const explainer = new MissExplainer({
    plan,
    store: taskRecordsEnabled(env) ? TaskRecordStore.forRepo(plan.repoRoot) : undefined,
    git,
    exists: (hash) => opened.cache.exists(hash),
  });
  const reads = opened.config.local.read || opened.config.remote.read;
  const forced = forcedBy(options.cacheFlags?.force, env);
  return Promise.all(
    tasks.map(async (task) => {
      const planned = plan.tasks.get(task.node.id);
      if (task.cache.status === "HIT" || planned?.script === undefined) {
        return { ...task, missExplanation: null };
      }
      const cause = missCause(planned.cache, planned.cache && reads ? "miss" : "bypass", forced);
      const explanation = await explainer.explain(task.node.id, cause);
      return { ...task, missExplanation: explanation ?? null };
    }),
  );
}
