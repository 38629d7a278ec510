import { sortedEntries } from "./byte-order.js";
import { walkGlobs } from "./input-walk.js";
import { ALWAYS_INPUTS, packageKey, type TaskInputSpec } from "./inputs.js";
import type { RepoIndex } from "./repo-index.js";
import { WalkMemo } from "./walk-memo.js";

/**
 * A task's file map (`hashOfFiles` input, the dry run's `inputs`): package-relative key → blob id,
 * as entries in UTF-8 byte order of the key.
 *
 * - No globs: the package's default (git) set.
 * - Globs without `$TURBO_DEFAULT$`: a filesystem walk of the globs plus package.json, turbo.json
 *   and turbo.jsonc (`!` entries exclude from the walk; .gitignore is not consulted).
 * - Globs with `$TURBO_DEFAULT$`: the default set plus the walk, then every key matching a `!`
 *   glob removed (an in-memory match on the package-relative key: `!docs` removes a file named
 *   `docs`, not `docs/x`).
 */
export async function packageInputFiles(
  index: RepoIndex,
  packageDir: string,
  spec: TaskInputSpec,
  memo: WalkMemo = new WalkMemo(),
): Promise<readonly (readonly [string, string])[]> {
  if (spec.globs.length === 0) return index.packageFiles(packageDir);
  const globs = [...spec.globs, ...ALWAYS_INPUTS];
  const walked = await walkGlobs(index.root, packageDir, globs, { memo });
  const hashes = await index.hashFiles(walked.files);
  const files = spec.includeDefault
    ? new Map(index.packageFiles(packageDir))
    : new Map<string, string>();
  for (const found of [hashes, walked.links]) {
    for (const [path, hash] of found) files.set(packageKey(packageDir, path), hash);
  }
  if (spec.includeDefault) await removeExcluded(files, spec.globs, memo);
  return sortedEntries(files);
}

async function removeExcluded(
  files: Map<string, string>,
  globs: readonly string[],
  memo: WalkMemo,
): Promise<void> {
  const exclusions = globs
    .filter((g) => g.startsWith("!"))
    .map((g) => g.slice(1).replace(/^\/+/, ""));
  if (exclusions.length === 0) return;
  const isExcluded = await memo.matcher(exclusions, { dot: true });
  for (const key of [...files.keys()]) if (isExcluded(key)) files.delete(key);
}
