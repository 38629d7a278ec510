import { describeError } from "@turbine/errors";

import { WorkspaceError } from "../errors.js";
import type { LockfilePackage } from "../types.js";
import type { Lockfile } from "./lockfile.js";

interface NpmEntry {
  readonly name?: string;
  readonly version?: string;
  readonly resolved?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean } | undefined>;
}

const FILE = "package-lock.json";

/**
 * package-lock.json v2/v3 (the `packages` map keyed by install path). Keys are paths such as
 * `node_modules/is-odd` or `node_modules/a/node_modules/b`; dependencies resolve by walking up
 * the `node_modules/` parents, the way Node resolves them.
 */
export class NpmLockfile implements Lockfile {
  readonly #packages: ReadonlyMap<string, NpmEntry>;

  private constructor(packages: ReadonlyMap<string, NpmEntry>) {
    this.#packages = packages;
  }

  static parse(text: string): NpmLockfile {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_PARSE",
        `${FILE}: invalid JSON (${describeError(error)})`,
        {
          file: FILE,
          cause: error,
          hint: "Regenerate it with `npm install --package-lock-only`.",
        },
      );
    }
    const data = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
    const version = typeof data.lockfileVersion === "number" ? data.lockfileVersion : 0;
    const packages = isRecord(data.packages) ? data.packages : {};
    const hasLegacyDeps = isRecord(data.dependencies) && Object.keys(data.dependencies).length > 0;
    if (version <= 1 || (Object.keys(packages).length === 0 && hasLegacyDeps)) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_UNSUPPORTED_VERSION",
        `${FILE}: lockfileVersion ${version} is not supported; only versions 2 and 3 have the "packages" map`,
        { file: FILE, hint: "Upgrade with npm 7 or later: `npm install --package-lock-only`." },
      );
    }
    const entries = new Map<string, NpmEntry>();
    for (const [key, value] of Object.entries(packages)) {
      if (isRecord(value)) entries.set(key, value);
    }
    return new NpmLockfile(entries);
  }

  resolvePackage(workspaceDir: string, name: string): LockfilePackage | undefined {
    if (!this.#packages.has(workspaceDir)) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_MISSING_WORKSPACE",
        `${FILE}: no entry for workspace "${workspaceDir}"`,
        { file: FILE, hint: "The lockfile is stale; run `npm install` to update it." },
      );
    }
    // A transitive dependency arrives as a full key; a direct one as a name.
    for (const key of [name, `${workspaceDir}/node_modules/${name}`, `node_modules/${name}`]) {
      const entry = this.#packages.get(key);
      if (entry !== undefined) return { key, version: entry.version ?? "" };
    }
    return undefined;
  }

  allDependencies(key: string): ReadonlyMap<string, string> | undefined {
    const entry = this.#packages.get(key);
    if (entry === undefined) return undefined;
    const out = new Map<string, string>();
    for (const name of dependencyNames(entry)) {
      for (const candidate of candidateKeys(key, name)) {
        const dep = this.#packages.get(candidate);
        if (dep === undefined) continue;
        if (dep.version !== undefined) {
          out.set(candidate, dep.version);
          break;
        }
        // A link entry (`"link": true`) has no version; keep looking further up.
        if (dep.resolved !== undefined) continue;
        throw new WorkspaceError(
          "ERR_LOCKFILE_INVALID_ENTRY",
          `${FILE}: "${candidate}" has no version`,
          {
            file: FILE,
            hint: "Regenerate the lockfile with `npm install`.",
          },
        );
      }
    }
    return out;
  }

  humanName(pkg: LockfilePackage): string | undefined {
    const entry = this.#packages.get(pkg.key);
    if (entry?.version === undefined) return undefined;
    // An alias (`"x": "npm:zod@4"`) is printed under the real name its entry records.
    const name = entry.name ?? pkg.key.split("node_modules/").at(-1);
    return `${name ?? pkg.key}@${entry.version}`;
  }
}

/**
 * The names an entry's closure follows: every dependency field, but a peer only when
 * `peerDependenciesMeta` does not mark it optional (turbo 2.11.13 leaves optional peers out,
 * even when another package installed them).
 */
function dependencyNames(entry: NpmEntry): string[] {
  const meta = entry.peerDependenciesMeta ?? {};
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.devDependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.keys(entry.peerDependencies ?? {}).filter((name) => meta[name]?.optional !== true),
  ];
}

/** `<key>/node_modules/<dep>`, then the same dep in each `node_modules/` ancestor of key. */
export function candidateKeys(key: string, dep: string): string[] {
  const out = [`${key}/node_modules/${dep}`];
  let current: string | undefined = key;
  while (current !== undefined) {
    const parent = npmParent(current);
    out.push(`${parent ?? ""}node_modules/${dep}`);
    current = parent;
  }
  return out;
}

/** `node_modules/a/node_modules/b` -> `node_modules/a/`; undefined at the top. */
function npmParent(key: string): string | undefined {
  const index = key.lastIndexOf("node_modules/");
  if (index <= 0) return undefined;
  return key.slice(0, index);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
