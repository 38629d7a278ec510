/** One package as the filter sees it: name, repo-relative dir ("" for the root) and edges. */
export interface FilterPackage {
  readonly name: string;
  readonly dir: string;
  /** Direct internal dependencies (package names). */
  readonly dependencies: readonly string[];
}

/** The root package's name in turbo's package graph. */
export const ROOT = "//";

/**
 * The package graph as turbo's filter walks it: every workspace package implicitly depends on
 * whatever the root package depends on, so `...b` selects everything when the root depends on
 * b, while `...//` selects only the root.
 */
export class FilterGraph {
  readonly packages: readonly FilterPackage[];
  readonly #deps = new Map<string, readonly string[]>();
  readonly #dependents = new Map<string, string[]>();

  constructor(packages: readonly FilterPackage[]) {
    this.packages = packages;
    const rootDeps = packages.find((p) => p.name === ROOT)?.dependencies ?? [];
    for (const pkg of packages) {
      const deps =
        pkg.name === ROOT
          ? pkg.dependencies
          : [...new Set([...pkg.dependencies, ...rootDeps])].filter((d) => d !== pkg.name);
      this.#deps.set(pkg.name, deps);
      for (const dep of deps) {
        const list = this.#dependents.get(dep);
        if (list === undefined) this.#dependents.set(dep, [pkg.name]);
        else list.push(pkg.name);
      }
    }
  }

  has(name: string): boolean {
    return this.#deps.has(name);
  }

  /** Every package reachable through dependencies, excluding `name` unless on a cycle. */
  transitiveDependencies(name: string): Set<string> {
    return this.#walk(name, this.#deps);
  }

  /** Every package that reaches `name`. */
  transitiveDependents(name: string): Set<string> {
    return this.#walk(name, this.#dependents);
  }

  #walk(start: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
    const seen = new Set<string>();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(edges.get(next) ?? []));
    }
    return seen;
  }
}
