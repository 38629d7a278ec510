import { compareBytes, sortBytes } from "./byte-order.js";
import { internalDependency, type SplitterContext } from "./dependency-splitter.js";
import { declaredDependencies } from "./package-json.js";
import type { PackageGraph, WorkspacePackage } from "./types.js";

export interface PackageGraphOptions {
  /** See SplitterContext.linkWorkspacePackages; true unless the package manager says otherwise. */
  readonly linkWorkspacePackages?: boolean;
}

interface Node {
  readonly dependencies: readonly string[];
  readonly dependents: string[];
  readonly external: Readonly<Record<string, string>>;
}

/**
 * Builds the internal package graph from the root package (named "//") and the workspace
 * packages. Pure. Every dependency, devDependency and optionalDependency either becomes an edge
 * (see `internalDependency`) or an external seed for the lockfile closure; peers are ignored.
 */
export function buildPackageGraph(
  rootPackage: WorkspacePackage,
  packages: ReadonlyMap<string, WorkspacePackage>,
  options: PackageGraphOptions = {},
): PackageGraph {
  const all = [rootPackage, ...packages.values()];
  const ctx: SplitterContext = {
    byName: packages,
    byDir: new Map(all.map((pkg) => [pkg.dir, pkg])),
    linkWorkspacePackages: options.linkWorkspacePackages ?? true,
  };
  const nodes = new Map<string, Node>();
  for (const pkg of all) {
    const internal = new Set<string>();
    const external: Record<string, string> = {};
    for (const [name, spec] of declaredDependencies(pkg.packageJson)) {
      const target = internalDependency(ctx, pkg.dir, name, spec);
      if (target === undefined) external[name] = spec;
      else internal.add(target);
    }
    nodes.set(pkg.name, { dependencies: sortBytes(internal), dependents: [], external });
  }
  for (const [name, node] of nodes) {
    for (const dep of node.dependencies) nodes.get(dep)?.dependents.push(name);
  }
  for (const node of nodes.values()) node.dependents.sort(compareBytes);
  return new Graph(nodes);
}

class Graph implements PackageGraph {
  readonly #nodes: ReadonlyMap<string, Node>;
  readonly #transitive = new Map<string, readonly string[]>();
  readonly #transitiveUp = new Map<string, readonly string[]>();

  constructor(nodes: ReadonlyMap<string, Node>) {
    this.#nodes = nodes;
  }

  dependencies(name: string): readonly string[] {
    return this.#nodes.get(name)?.dependencies ?? [];
  }

  dependents(name: string): readonly string[] {
    return this.#nodes.get(name)?.dependents ?? [];
  }

  transitiveDependencies(name: string): readonly string[] {
    return memo(this.#transitive, name, () => this.#walk(name, (n) => this.dependencies(n)));
  }

  transitiveDependents(name: string): readonly string[] {
    return memo(this.#transitiveUp, name, () => this.#walk(name, (n) => this.dependents(n)));
  }

  externalDependencies(name: string): Readonly<Record<string, string>> {
    return this.#nodes.get(name)?.external ?? {};
  }

  #walk(start: string, next: (name: string) => readonly string[]): readonly string[] {
    const seen = new Set<string>();
    const stack = [...next(start)];
    for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
      if (name === start || seen.has(name)) continue;
      seen.add(name);
      stack.push(...next(name));
    }
    return sortBytes(seen);
  }
}

function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.set(key, value);
  return value;
}
