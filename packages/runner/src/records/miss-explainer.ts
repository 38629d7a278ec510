import {
  type CommittedArtifact,
  type DependencyStates,
  explainChanges,
  explainMiss,
  type ExplainMissInput,
  type HashRunResult,
  hashTaskGraph,
  type MissReason,
  type TaskRecord,
} from "@turbine/hasher";

import type { GitInfo } from "../git-info.js";
import type { RunPlan } from "../plan-run.js";
import type { TaskRecordStore } from "./record-store.js";
import { taskHashState } from "./task-states.js";

/** Why one task misses: the record it was compared with, and the reasons (see `explainMiss`). */
export interface MissExplanation {
  /** The task's last record; null when there was none (or it was unusable). */
  readonly previous: {
    readonly hash: string;
    readonly recordedAt: string;
    readonly status: TaskRecord["outcome"]["status"];
    /** HEAD when that run started; null outside git. */
    readonly sha: string | null;
  } | null;
  readonly reasons: readonly MissReason[];
}

export type MissCause = ExplainMissInput["cause"];

/**
 * Why the cache gave a task nothing: a `miss` when it was asked; when it was not (a bypass),
 * the task's `cache: false`, else `--force` / TURBO_FORCE, else a `--cache` without reads.
 */
export function missCause(
  cacheable: boolean,
  status: "miss" | "bypass",
  forced: boolean,
): MissCause {
  if (status === "miss") return "miss";
  if (!cacheable) return "cache-off";
  return forced ? "forced" : "cache-reads-off";
}

/** `--force` given, or TURBO_FORCE set true (the cache settings reject other values). */
export function forcedBy(
  force: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return force ?? (env.TURBO_FORCE === "1" || env.TURBO_FORCE === "true");
}

/** Asks the caches the run reads for an artifact, as `Cache.exists` does. */
export type ArtifactLookup = (
  hash: string,
) => Promise<{ readonly source: "LOCAL" | "REMOTE" } | undefined>;

export interface MissExplainerOptions {
  readonly plan: RunPlan;
  /** Where the last records are read; undefined when records are off (every task: no record). */
  readonly store: TaskRecordStore | undefined;
  readonly git: GitInfo | undefined;
  /** Without it, a task with no record is not looked up at its committed state. */
  readonly exists?: ArtifactLookup;
}

/**
 * Explains the misses of one plan against the store's records. Records are read once each (a
 * task's, and those of its changed dependencies for the reasons one level down) and must be read
 * before the run writes new ones. A task with no record is hashed at HEAD's committed files too:
 * when the cache holds that hash (a CI run of this commit, another clone), the explanation says
 * so and lists the uncommitted changes.
 */
export class MissExplainer {
  readonly #options: MissExplainerOptions;
  readonly #records = new Map<string, Promise<TaskRecord | undefined>>();
  #committed: Promise<HashRunResult | undefined> | undefined;

  constructor(options: MissExplainerOptions) {
    this.#options = options;
  }

  /** Undefined for an id the plan does not have. */
  async explain(taskId: string, cause: MissCause): Promise<MissExplanation | undefined> {
    const { plan } = this.#options;
    const current = taskHashState(plan, taskId);
    if (current === undefined) return undefined;
    const previous = await this.#record(taskId);
    const dependencies = new Map<string, DependencyStates>();
    if (previous !== undefined) {
      const recorded = new Map(previous.explanation.dependencies.map((d) => [d.taskId, d.hash]));
      const changed = current.explanation.dependencies.filter(
        (d) => recorded.has(d.taskId) && recorded.get(d.taskId) !== d.hash,
      );
      await Promise.all(
        changed.map(async (d) => {
          const states = {
            previous: await this.#record(d.taskId),
            current: taskHashState(plan, d.taskId),
          };
          dependencies.set(d.taskId, states);
        }),
      );
    }
    const committed =
      previous === undefined && cause === "miss" ? await this.#atCommit(taskId) : undefined;
    const reasons = explainMiss({
      current,
      previous,
      cause,
      dependency: (id) => dependencies.get(id) ?? { previous: undefined, current: undefined },
      ...(committed === undefined ? {} : { committed }),
    });
    return {
      previous:
        previous === undefined
          ? null
          : {
              hash: previous.hash,
              recordedAt: previous.recordedAt,
              status: previous.outcome.status,
              sha: previous.scm?.sha ?? null,
            },
      reasons,
    };
  }

  #record(taskId: string): Promise<TaskRecord | undefined> {
    let pending = this.#records.get(taskId);
    if (pending === undefined) {
      pending = this.#options.store?.read(taskId) ?? Promise.resolve(undefined);
      this.#records.set(taskId, pending);
    }
    return pending;
  }

  /** What the cache holds for the task's hash at HEAD, when that differs from the current one. */
  async #atCommit(taskId: string): Promise<CommittedArtifact | undefined> {
    const { plan, git, exists } = this.#options;
    if (git === undefined || exists === undefined) return undefined;
    this.#committed ??= hashAtCommit(plan, git.sha);
    const hashes = await this.#committed;
    const committed = hashes === undefined ? undefined : taskHashState(plan, taskId, hashes);
    const current = taskHashState(plan, taskId);
    if (committed === undefined || current === undefined) return undefined;
    const hash = committed.explanation.hash;
    if (hash === current.explanation.hash) return undefined;
    const found = await exists(hash).catch(() => undefined);
    if (found === undefined) return undefined;
    return {
      sha: git.sha,
      hash,
      source: found.source,
      changes: explainChanges(committed, current),
    };
  }
}

/**
 * Every task's hash with the files of commit `sha` (the workspace, turbo.json and env as they are
 * now); undefined when that state cannot be hashed (no git, an unborn branch).
 */
async function hashAtCommit(plan: RunPlan, sha: string): Promise<HashRunResult | undefined> {
  const index = await plan.hashes.index.atCommit(sha);
  if (index === undefined) return undefined;
  return hashTaskGraph({ ...plan.hashOptions, index }).catch(() => undefined);
}
