import { compareBytes } from "../byte-order.js";
import type { LockfilePackage } from "../types.js";
import type { Lockfile } from "./lockfile.js";

/**
 * The transitive external closure of one workspace: resolve each seed, then walk
 * `allDependencies` with a visited set keyed by (key, version). Sorted by key, then version, in
 * byte order, the order turbo hashes. Iterative so deep graphs cannot overflow the stack.
 */
export function transitiveClosure(
  lockfile: Lockfile,
  workspaceDir: string,
  seeds: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
): LockfilePackage[] {
  const visited = new Map<string, LockfilePackage>();
  const pending: [string, string][] = [...entries(seeds)];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [name, spec] = next;
    const pkg = lockfile.resolvePackage(workspaceDir, name, spec);
    if (pkg === undefined) continue;
    const id = `${pkg.key}\u0000${pkg.version}`;
    if (visited.has(id)) continue;
    visited.set(id, pkg);
    const deps = lockfile.allDependencies(pkg.key);
    if (deps !== undefined) pending.push(...deps);
  }
  return sortPackages(visited.values());
}

/** Closures for many workspaces at once: dir -> seeds in, dir -> closure out. */
export function allTransitiveClosures(
  lockfile: Lockfile,
  workspaces: ReadonlyMap<string, Readonly<Record<string, string>>>,
): Map<string, LockfilePackage[]> {
  const out = new Map<string, LockfilePackage[]>();
  for (const [dir, seeds] of workspaces) out.set(dir, transitiveClosure(lockfile, dir, seeds));
  return out;
}

export function sortPackages(packages: Iterable<LockfilePackage>): LockfilePackage[] {
  return [...packages].sort(
    (a, b) => compareBytes(a.key, b.key) || compareBytes(a.version, b.version),
  );
}

function entries(
  seeds: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
): Iterable<[string, string]> {
  return seeds instanceof Map ? seeds : Object.entries(seeds);
}
