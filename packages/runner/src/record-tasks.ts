import type { Cache, CacheExists } from "@turbine/cache";
import { compareUtf8 } from "@turbine/hasher";
import { dryRunCommand } from "@turbine/workspace";

import { logFilePath } from "./log-file.js";
import type { RunPlan } from "./plan-run.js";
import type { MissExplanation } from "./records/miss-explainer.js";
import type { RecordTask, TaskCacheSummary, TaskExecutionSummary } from "./summary/run-record.js";

export const MISS: TaskCacheSummary = { local: false, remote: false, status: "MISS", timeSaved: 0 };

/** Per-task facts a real run adds to the record. */
export interface TaskRunFacts {
  readonly cache: TaskCacheSummary;
  readonly expandedOutputs: readonly string[];
  readonly execution: TaskExecutionSummary;
  /** Why the task missed (null: it hit); only when the run explains misses. */
  readonly missExplanation?: MissExplanation | null;
}

/**
 * The record's `tasks`, sorted by id bytewise. Without `facts` (a dry run) each task's cache block
 * says what the cache holds now; with them (a summary) only tasks that ran are listed, as turbo
 * leaves out tasks that never started and no-op tasks.
 */
export async function recordTasks(
  plan: RunPlan,
  cache: Cache,
  facts?: ReadonlyMap<string, TaskRunFacts>,
): Promise<RecordTask[]> {
  const ids = [...plan.graph.nodes.keys()].sort(compareUtf8);
  // A dry run asks the cache about every cacheable task at once (one remote query, not one
  // request per task in turn).
  const found =
    facts === undefined
      ? await cache.existsMany(
          ids.flatMap((id) => {
            const task = plan.tasks.get(id);
            return task?.script !== undefined && task.cache ? [task.hash] : [];
          }),
        )
      : new Map<string, CacheExists | undefined>();
  const records: RecordTask[] = [];
  for (const id of ids) {
    const node = plan.graph.nodes.get(id);
    const hashed = plan.hashes.tasks.get(id);
    const task = plan.tasks.get(id);
    if (node === undefined || hashed === undefined || task === undefined) continue;
    const ran = facts?.get(id);
    if (facts !== undefined && ran === undefined) continue;
    const cacheSummary =
      ran?.cache ??
      (task.script === undefined || !task.cache ? MISS : summaryOf(found.get(task.hash)));
    records.push({
      node,
      explanation: hashed.explanation,
      hashReason: plan.deferred.get(id),
      command: dryRunCommand(node),
      cache: cacheSummary,
      cliArguments: task.args,
      logFile: logFilePath(task.dir, task.task),
      directory: task.dir,
      expandedOutputs: ran?.expandedOutputs ?? [],
      ...(ran === undefined ? {} : { execution: ran.execution }),
      ...(ran?.missExplanation === undefined ? {} : { missExplanation: ran.missExplanation }),
    });
  }
  return records;
}

function summaryOf(found: CacheExists | undefined): TaskCacheSummary {
  if (found === undefined) return MISS;
  const local = found.source === "LOCAL";
  return {
    local,
    remote: !local,
    status: "HIT",
    source: found.source,
    timeSaved: found.durationMs,
    // A local hit carries its meta.json fields; a remote one has none.
    ...(local && found.sha != null ? { sha: found.sha } : {}),
    ...(local && found.dirtyHash != null ? { dirtyHash: found.dirtyHash } : {}),
  };
}
