import picomatch from "picomatch";

import type { FilterPackage } from "./filter-graph.js";
import { ROOT } from "./filter-graph.js";

export interface ChangeMappingOptions {
  readonly packages: readonly FilterPackage[];
  /**
   * Repo-relative globs whose change affects every package: turbo.json, the lockfile and the
   * `globalDependencies`.
   */
  readonly globalFiles: readonly string[];
}

/**
 * Maps changed repo-relative files to the packages that own them (the deepest package dir that
 * contains the file; files outside every package belong to the root `//`). A change to a global
 * file selects every package, as turbo does.
 */
export function mapChangedFiles(
  files: readonly string[],
  options: ChangeMappingOptions,
): Set<string> {
  const isGlobal = picomatch([...options.globalFiles], { dot: true });
  const dirs = options.packages
    .filter((p) => p.name !== ROOT && p.dir !== "")
    .map((p) => ({ name: p.name, prefix: `${p.dir}/` }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const changed = new Set<string>();
  for (const file of files) {
    if (isGlobal(file)) return new Set(options.packages.map((p) => p.name));
    const owner = dirs.find((d) => file.startsWith(d.prefix));
    changed.add(owner?.name ?? ROOT);
  }
  return changed;
}
