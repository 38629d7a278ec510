import { compareUtf8, sortedUtf8 } from "./byte-order.js";
import type { LockfileEntry } from "./hashables.js";

/** How one external closure differs from another, by package name (`name@version`). */
export interface ClosureChanges {
  /** `name@version` of packages only in the new closure, byte-ordered. */
  readonly added: readonly string[];
  /** `name@version` of packages only in the old closure. */
  readonly removed: readonly string[];
  /** Packages in both whose versions differ (each side's versions, byte-ordered). */
  readonly changed: readonly {
    readonly name: string;
    readonly before: readonly string[];
    readonly after: readonly string[];
  }[];
  /** `name@version` of entries whose lockfile key changed, name and version alike (hoisting). */
  readonly moved: readonly string[];
}

/**
 * The package name in a lockfile key: npm's `node_modules/a/node_modules/@s/b` → `@s/b`; pnpm's
 * `/@s/b@1.0.0(peer@2)` or `@s/b@1.0.0`, yarn's `b@^1.0.0`, berry's `b@npm:1.0.0` and bun's
 * `b@1.0.0` → the part before the version's `@`.
 */
export function lockfilePackageName(key: string): string {
  const nested = key.lastIndexOf("node_modules/");
  if (nested !== -1) return key.slice(nested + "node_modules/".length);
  const bare = key.startsWith("/") ? key.slice(1) : key;
  const at = bare.indexOf("@", 1);
  return at === -1 ? bare : bare.slice(0, at);
}

/** Compares two closures by package name and version; lockfile keys only count as `moved`. */
export function diffClosures(
  before: readonly LockfileEntry[],
  after: readonly LockfileEntry[],
): ClosureChanges {
  const was = versionsByName(before);
  const now = versionsByName(after);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: { name: string; before: string[]; after: string[] }[] = [];
  for (const name of sortedUtf8(new Set([...was.keys(), ...now.keys()]))) {
    const old = was.get(name) ?? new Set<string>();
    const neu = now.get(name) ?? new Set<string>();
    const gone = sortedUtf8([...old].filter((v) => !neu.has(v)));
    const come = sortedUtf8([...neu].filter((v) => !old.has(v)));
    if (gone.length > 0 && come.length > 0) changed.push({ name, before: gone, after: come });
    else {
      for (const v of come) added.push(`${name}@${v}`);
      for (const v of gone) removed.push(`${name}@${v}`);
    }
  }
  const keys = new Set(before.map(entryId));
  const sameIds = new Set(before.map(nameId));
  const moved = new Set<string>();
  for (const entry of after) {
    if (!keys.has(entryId(entry)) && sameIds.has(nameId(entry))) {
      moved.add(`${lockfilePackageName(entry.key)}@${entry.version}`);
    }
  }
  return {
    added,
    removed,
    changed: changed.sort((a, b) => compareUtf8(a.name, b.name)),
    moved: sortedUtf8(moved),
  };
}

function versionsByName(entries: readonly LockfileEntry[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const entry of entries) {
    const name = lockfilePackageName(entry.key);
    let versions = out.get(name);
    if (versions === undefined) out.set(name, (versions = new Set()));
    versions.add(entry.version);
  }
  return out;
}

function entryId(entry: LockfileEntry): string {
  return `${entry.key}\0${entry.version}`;
}

function nameId(entry: LockfileEntry): string {
  return `${lockfilePackageName(entry.key)}\0${entry.version}`;
}
