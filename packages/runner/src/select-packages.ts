import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";

import type { Workspace } from "@turbine/workspace";

import { mapChangedFiles } from "./filter/changed-packages.js";
import { FilterGraph, type FilterPackage, ROOT } from "./filter/filter-graph.js";
import { gitChangedFiles } from "./filter/git-changed-files.js";
import { type FilterSelector, type GitRange, parseFilter } from "./filter/parse-filter.js";
import { resolveFilters } from "./filter/resolve-filter.js";

export interface SelectPackagesInput {
  readonly workspace: Workspace;
  /** Where relative `--filter` paths start and, with no filter, the package is inferred from. */
  readonly cwd: string;
  /** Infer the package from `cwd` when no filter is given (`turbine ls` never does). */
  readonly infer: boolean;
  readonly filters: readonly string[];
  /** `--affected`: the range TURBO_SCM_BASE (default `main`) to TURBO_SCM_HEAD / working tree. */
  readonly affected: GitRange | undefined;
  /** Globs whose change affects every package (turbo.json, lockfile, globalDependencies). */
  readonly globalFiles: readonly string[];
}

/**
 * The packages a run is scoped to, or undefined for "every package" (no filter). `--filter`
 * selectors are resolved as turbo does; `--affected` intersects with them. Started inside a
 * package directory with no filter, the run is scoped to that package, as turbo infers it.
 */
export async function selectPackages(input: SelectPackagesInput): Promise<Set<string> | undefined> {
  const { workspace } = input;
  if (workspace.singlePackage) return undefined;
  const packages: FilterPackage[] = [
    { name: ROOT, dir: "", dependencies: workspace.graph.dependencies(ROOT) },
    ...[...workspace.packages.values()].map((p) => ({
      name: p.name,
      dir: p.dir,
      dependencies: workspace.graph.dependencies(p.name),
    })),
  ];
  const graph = new FilterGraph(packages);
  const changedCache = new Map<string, Promise<ReadonlySet<string>>>();
  const changedPackages = (range: GitRange): Promise<ReadonlySet<string>> => {
    const key = `${range.from}...${range.to ?? ""}`;
    let found = changedCache.get(key);
    if (found === undefined) {
      found = gitChangedFiles(workspace.root, range).then((files) =>
        mapChangedFiles(files, { packages, globalFiles: input.globalFiles }),
      );
      changedCache.set(key, found);
    }
    return found;
  };
  const options = {
    graph,
    repoRoot: workspace.root,
    cwd: input.cwd,
    changedPackages,
    dirExists: existsSync,
  };
  let selectors: FilterSelector[] = input.filters.map(parseFilter);
  if (input.infer && selectors.length === 0 && input.affected === undefined) {
    const inferred = inferFromCwd(packages, workspace.root, input.cwd);
    if (inferred === undefined) return undefined;
    selectors = [parseFilter(inferred)];
  }
  const filtered = selectors.length === 0 ? undefined : await resolveFilters(selectors, options);
  if (input.affected === undefined) return filtered;
  const affectedSelector: FilterSelector = {
    ...parseFilter("...[HEAD]"),
    raw: "--affected",
    gitRange: input.affected,
  };
  const affected = await resolveFilters([affectedSelector], options);
  return filtered === undefined
    ? affected
    : new Set([...filtered].filter((name) => affected.has(name)));
}

/**
 * Where a run's relative filters start and its package is inferred from, as turbo's shim decides:
 * the directory the run started in when it lies inside the repository (below its root), else
 * `--pkg-inference-root` under the root, else the root. `inferPackage: false` (`--cwd`) skips the
 * first.
 */
export function inferenceDir(
  root: string,
  cwd: string,
  inferPackage: boolean,
  pkgInferenceRoot: string | undefined,
): string {
  const rel = relative(root, cwd);
  if (inferPackage && rel !== "" && !rel.startsWith("..")) return cwd;
  return pkgInferenceRoot === undefined ? root : join(root, pkgInferenceRoot);
}

/** `{<absolute dir>}` of the package whose directory holds `cwd`, if any (never the root). */
function inferFromCwd(
  packages: readonly FilterPackage[],
  root: string,
  cwd: string,
): string | undefined {
  const rel = relative(root, cwd).split(sep).join("/");
  if (rel === "" || rel.startsWith("..")) return undefined;
  const owner = packages
    .filter((p) => p.dir !== "" && (rel === p.dir || rel.startsWith(`${p.dir}/`)))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  return owner === undefined ? undefined : `{${join(root, owner.dir)}}`;
}
