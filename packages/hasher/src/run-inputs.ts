import { envMapOf } from "./env-pairs.js";
import type { EnvMap } from "./env-wildcards.js";
import { defaultWorkspaceExclusions } from "./global-files.js";
import type { HashRunOptions, HashRunTask, HashRunWorkspace } from "./hash-run-types.js";
import type { Hasher } from "./hasher.js";
import { parseTaskInputs } from "./inputs.js";
import { packageInputFiles } from "./package-inputs.js";
import type { RepoIndex } from "./repo-index.js";
import { WalkMemo } from "./walk-memo.js";

/** The parts of a run's hash inputs that come from the repository, computed once per run. */

export function toEnvMap(env: HashRunOptions["env"]): EnvMap {
  if (env instanceof Map) return env as EnvMap;
  return envMapOf((env ?? process.env) as Readonly<Record<string, string | undefined>>);
}

/** Default workspace exclusions of the package manager plus the `!` workspace globs. */
export function workspaceExclusions(ws: HashRunWorkspace): string[] {
  const declared = ws.rootPackage.packageJson.workspaces;
  const globs: readonly string[] = isStringList(declared) ? declared : (declared?.packages ?? []);
  return [
    ...defaultWorkspaceExclusions(ws.packageManager.name),
    ...globs.filter((g) => g.startsWith("!")).map((g) => g.slice(1)),
  ];
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}

/**
 * §1.7 `rootInternalDepsHash`: the default file maps of the root's transitive internal
 * dependencies merged in ascending dir order (a later package wins a colliding key); "" when the
 * root has none.
 */
export function internalDepsHash(ws: HashRunWorkspace, index: RepoIndex, hasher: Hasher): string {
  const dirs = ws.graph
    .transitiveDependencies("//")
    .map((name) => ws.packages.get(name)?.dir)
    .filter((dir): dir is string => dir !== undefined)
    .sort();
  if (dirs.length === 0) return "";
  const merged = new Map<string, string>();
  for (const dir of dirs) for (const [key, hash] of index.packageFiles(dir)) merged.set(key, hash);
  return hasher.fileHashes(merged);
}

export interface TaskFiles {
  /** Package-relative key → blob id, in byte order. */
  readonly files: readonly (readonly [string, string])[];
  /** `FileHashes(files).hash()`. */
  readonly hash: string;
}

/**
 * How many file maps are built at once. Their walks are a few stats each, and a thousand maps
 * built at once all stay alive across their awaits: the heap then held every one's intermediate
 * maps at the same time (about 10 MB more peak RSS on a 1,000-task dry run).
 */
const FILE_MAP_CONCURRENCY = 16;

/** Every task's file map and its hash; tasks of one package with equal `inputs` share one. */
export async function taskFileMaps(
  index: RepoIndex,
  hasher: Hasher,
  tasks: readonly HashRunTask[],
  dirOf: (task: HashRunTask) => string,
): Promise<Map<string, TaskFiles>> {
  const memo = new Map<string, Promise<TaskFiles>>();
  const walks = new WalkMemo();
  const out = new Map<string, TaskFiles>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < tasks.length; i = next++) {
      const task = tasks[i] as HashRunTask;
      const dir = dirOf(task);
      const key = `${dir}\0${task.inputs.join("\0")}`;
      let pending = memo.get(key);
      if (pending === undefined) {
        const spec = parseTaskInputs(task.inputs, dir);
        pending = packageInputFiles(index, dir, spec, walks).then((files) => ({
          files,
          hash: hasher.fileHashesSorted(files),
        }));
        memo.set(key, pending);
      }
      out.set(task.id, await pending);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILE_MAP_CONCURRENCY, tasks.length) }, worker));
  return out;
}
