import {
  type HashRunResult,
  TASK_RECORD_FORMAT,
  TASK_RECORD_VERSION,
  type TaskHashState,
  type TaskRecord,
  type TaskRecordOutcome,
} from "@turbine/hasher";
import { ROOT_PACKAGE_NAME } from "@turbine/workspace";

import type { GitInfo } from "../git-info.js";
import type { RunPlan } from "../plan-run.js";
import { COMPATIBLE_TURBO_VERSION, TURBINE_VERSION } from "../version.js";

/**
 * A task's hash state in `hashes` (the plan's own by default, or another state of the same
 * plan, such as the committed one): its explanation, resolved definition, global inputs and
 * lockfile closures. Undefined for an id the plan does not have.
 */
export function taskHashState(
  plan: RunPlan,
  taskId: string,
  hashes: HashRunResult = plan.hashes,
): TaskHashState | undefined {
  const hashed = hashes.tasks.get(taskId);
  const node = plan.graph.nodes.get(taskId);
  if (hashed === undefined || node === undefined) return undefined;
  const { workspace } = plan;
  const closureOf = (name: string): TaskHashState["closure"] =>
    workspace.singlePackage ? null : (workspace.externalClosure(name) ?? null);
  return {
    explanation: hashed.explanation,
    definition: { ...node.definition.resolvedTaskDefinition },
    global: hashes.global,
    rootClosure: closureOf(ROOT_PACKAGE_NAME),
    closure: closureOf(node.package),
  };
}

/** Who writes records: Turbine's version, and the turbo whose hashes it computes. */
export const RECORD_PRODUCER = `turbine ${TURBINE_VERSION} (turbo ${COMPATIBLE_TURBO_VERSION} hashes)`;

/** A record of `state` for a run that ended with `outcome` at `endTime` (ms since the epoch). */
export function taskRecord(
  state: TaskHashState,
  outcome: TaskRecordOutcome,
  endTime: number,
  git: GitInfo | undefined,
): TaskRecord {
  return {
    format: TASK_RECORD_FORMAT,
    version: TASK_RECORD_VERSION,
    taskId: state.explanation.taskId,
    hash: state.explanation.hash,
    recordedAt: new Date(endTime).toISOString(),
    producer: RECORD_PRODUCER,
    scm: git === undefined ? null : { sha: git.sha, branch: git.branch },
    outcome,
    ...state,
  };
}
