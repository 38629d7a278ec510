import { isAbsolute, relative, resolve } from "node:path";

import picomatch from "picomatch";

import { RunnerError } from "../errors.js";
import type { FilterGraph } from "./filter-graph.js";
import { ROOT } from "./filter-graph.js";
import type { FilterSelector, GitRange } from "./parse-filter.js";

export interface ResolveFilterOptions {
  readonly graph: FilterGraph;
  readonly repoRoot: string;
  /** Directory selectors (`./apps/*`) are relative to this absolute path. */
  readonly cwd: string;
  /** Packages changed in a git range (see `mapChangedFiles` + `gitChangedFiles`). */
  readonly changedPackages: (range: GitRange) => Promise<ReadonlySet<string>>;
  /**
   * Whether an absolute directory exists; given, a directory selector whose fixed part does not
   * exist is an error, as in turbo (omitted, nothing is checked).
   */
  readonly dirExists?: (absolute: string) => boolean;
}

/**
 * Resolves parsed selectors to package names, as turbo does: the union of the including
 * selectors (all workspace packages, root excluded, when there are none) minus the union of the
 * `!` selectors. Throws `ERR_RUNNER_NO_PACKAGE_MATCH` for a plain name that matches nothing.
 */
export async function resolveFilters(
  selectors: readonly FilterSelector[],
  options: ResolveFilterOptions,
): Promise<Set<string>> {
  const include = selectors.filter((s) => !s.exclude);
  const selected = new Set<string>();
  if (include.length === 0) {
    for (const pkg of options.graph.packages) if (pkg.name !== ROOT) selected.add(pkg.name);
  }
  for (const selector of include) {
    for (const name of await selectOne(selector, options)) selected.add(name);
  }
  for (const selector of selectors.filter((s) => s.exclude)) {
    for (const name of await selectOne(selector, options)) selected.delete(name);
  }
  return selected;
}

async function selectOne(
  selector: FilterSelector,
  options: ResolveFilterOptions,
): Promise<Set<string>> {
  const { graph } = options;
  let entries = graph.packages.map((p) => p.name);
  if (selector.namePattern !== undefined) entries = matchNames(selector, entries);
  if (selector.parentDir !== undefined) {
    const isDir = dirMatcher(selector.parentDir, options);
    const dirs = new Map(graph.packages.map((p) => [p.name, p.dir === "" ? "." : p.dir]));
    entries = entries.filter((name) => isDir(dirs.get(name) ?? ""));
  }
  if (selector.gitRange !== undefined) {
    const changed = await options.changedPackages(selector.gitRange);
    entries = entries.filter(
      (name) =>
        changed.has(name) ||
        (selector.matchDependencies &&
          [...graph.transitiveDependencies(name)].some((d) => changed.has(d))),
    );
  }
  // With `^` an entry point is left out unless another entry point reaches it.
  const result = new Set<string>();
  for (const name of entries) {
    if (!selector.excludeSelf) result.add(name);
    if (selector.includeDependencies)
      for (const dep of graph.transitiveDependencies(name)) result.add(dep);
    if (selector.includeDependents) {
      for (const dependent of graph.transitiveDependents(name)) {
        result.add(dependent);
        if (selector.includeDependencies) {
          for (const dep of graph.transitiveDependencies(dependent)) result.add(dep);
        }
      }
    }
  }
  return result;
}

function matchNames(selector: FilterSelector, names: readonly string[]): string[] {
  const pattern = selector.namePattern ?? "";
  const isGlob = pattern.includes("*");
  const regex = globToRegExp(pattern);
  const matches = names.filter((name) => (isGlob ? regex.test(name) : name === pattern));
  if (matches.length === 0 && !isGlob && selector.gitRange === undefined) {
    throw new RunnerError(
      "ERR_RUNNER_NO_PACKAGE_MATCH",
      `No package found with name '${pattern}' in workspace`,
      {
        hint: "Check the package name in its package.json, or use a glob such as '@scope/*'.",
      },
    );
  }
  return matches;
}

/**
 * turbo refuses a directory selector whose fixed part (the components before the first glob) does
 * not exist: `./apps/*` in a repo without `apps`. The message shows that part joined to the
 * directory filters start from, unnormalised, as turbo prints it.
 */
function assertBaseExists(
  parentDir: string,
  cwd: string,
  dirExists: (absolute: string) => boolean,
): void {
  const parts = parentDir.split("/");
  const firstGlob = parts.findIndex((part) => /[*?[{]/.test(part));
  const fixed = (firstGlob === -1 ? parts : parts.slice(0, firstGlob)).filter(
    (part, index) => !(index === 0 && part === "."),
  );
  if (fixed.length === 0 || (fixed.length === 1 && fixed[0] === "")) return;
  const base = fixed.join("/");
  const shown = isAbsolute(parentDir) ? base : `${cwd}/${base}`;
  if (dirExists(resolve(cwd, base))) return;
  throw new RunnerError(
    "ERR_RUNNER_INVALID_FILTER",
    `Directory '${shown}' specified in filter does not exist`,
    { hint: "Fix the directory in the --filter selector, or create it." },
  );
}

/** turbo's simple name glob: `*` matches any run of characters, everything else is literal. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

function dirMatcher(parentDir: string, options: ResolveFilterOptions): (dir: string) => boolean {
  if (options.dirExists !== undefined) assertBaseExists(parentDir, options.cwd, options.dirExists);
  const absolute = isAbsolute(parentDir) ? parentDir : resolve(options.cwd, parentDir);
  const rel = relative(options.repoRoot, absolute).split("\\").join("/");
  return picomatch(rel === "" ? "." : rel, { dot: true });
}
