import { describeError } from "@turbine/errors";

import { WorkspaceError } from "../errors.js";
import type { LockfilePackage } from "../types.js";
import { parseYaml } from "../yaml.js";
import type { Lockfile } from "./lockfile.js";
import { formatKey, parseDepPath, type PnpmKeyFormat } from "./pnpm-dep-path.js";

type StringMap = Record<string, string>;
interface Importer {
  readonly specifiers?: StringMap;
  readonly dependencies?: Record<string, unknown>;
  readonly devDependencies?: Record<string, unknown>;
  readonly optionalDependencies?: Record<string, unknown>;
}
interface Snapshot {
  readonly version?: string;
  readonly dependencies?: StringMap;
  readonly optionalDependencies?: StringMap;
}

const FILE = "pnpm-lock.yaml";

/**
 * pnpm-lock.yaml v5 (`/name/1.0.0`), v6 (`/name@1.0.0`) and v7/v9 (`name@1.0.0`, with the
 * dependency edges in `snapshots`). Peer suffixes such as `(react@18.2.0)` are part of the key
 * and of the version.
 */
export class PnpmLockfile implements Lockfile {
  readonly #format: PnpmKeyFormat;
  readonly #importers: Readonly<Record<string, Importer>>;
  readonly #packages: Readonly<Record<string, Snapshot>>;
  readonly #snapshots: Readonly<Record<string, Snapshot>> | undefined;
  readonly #overrides: Readonly<StringMap>;
  readonly #resolutions = new Map<string, Map<string, Resolution>>();

  private constructor(doc: Record<string, unknown>, format: PnpmKeyFormat) {
    this.#format = format;
    this.#importers = record(doc.importers) as Record<string, Importer>;
    this.#packages = record(doc.packages) as Record<string, Snapshot>;
    this.#snapshots =
      doc.snapshots === undefined ? undefined : (record(doc.snapshots) as Record<string, Snapshot>);
    this.#overrides = record(doc.overrides) as StringMap;
  }

  static parse(text: string): PnpmLockfile {
    let doc: unknown;
    try {
      // Every scalar stays a string (serde reads `1.10` as "1.10", not the number 1.1).
      doc = parseYaml(text, { schema: "failsafe" });
    } catch (error) {
      throw parseError(`invalid YAML (${describeError(error)})`, error);
    }
    if (typeof doc !== "object" || doc === null) throw parseError("expected a YAML mapping");
    const data = doc as Record<string, unknown>;
    if (typeof data.importers !== "object" || data.importers === null) {
      throw parseError('missing "importers"; turbo reads only workspace lockfiles');
    }
    const version = data.lockfileVersion;
    if (typeof version !== "string") throw parseError('missing "lockfileVersion"');
    // v5 writes a YAML float (`5.4`); v6 and later a quoted string (`'9.0'`).
    const quoted = /^lockfileVersion:[ \t]*['"]/m.test(text);
    if (!quoted) return new PnpmLockfile(data, "v5");
    return new PnpmLockfile(data, version === "7.0" || version === "9.0" ? "v9" : "v6");
  }

  resolvePackage(workspaceDir: string, name: string, spec: string): LockfilePackage | undefined {
    if (this.#has(spec)) return { key: spec, version: this.#extractVersion(spec) };
    const resolved = this.#resolveSpecifier(workspaceDir, name, spec);
    if (resolved === undefined) return undefined;
    const key = formatKey(this.#format, name, resolved);
    if (this.#has(key)) return { key, version: this.#packages[key]?.version ?? resolved };
    if (this.#has(resolved)) {
      return {
        key: resolved,
        version: this.#packages[resolved]?.version ?? this.#extractVersion(resolved),
      };
    }
    return undefined;
  }

  allDependencies(key: string): ReadonlyMap<string, string> | undefined {
    const entry = this.#snapshots?.[key] ?? this.#packages[key];
    if (entry === undefined) return undefined;
    return new Map([
      ...Object.entries(record(entry.dependencies) as StringMap),
      ...Object.entries(record(entry.optionalDependencies) as StringMap),
    ]);
  }

  humanName(pkg: LockfilePackage): string | undefined {
    return this.#format === "v9" ? pkg.key : pkg.key.replace(/^\//, "");
  }

  #has(key: string): boolean {
    const table = this.#format === "v9" ? this.#snapshots : this.#packages;
    return table !== undefined && Object.hasOwn(table, key);
  }

  #extractVersion(key: string): string {
    const dp = parseDepPath(this.#format, key);
    if (dp.peerSuffix === undefined) return dp.version;
    return `${dp.version}${this.#format === "v5" ? "_" : ""}${dp.peerSuffix}`;
  }

  #resolveSpecifier(workspaceDir: string, name: string, spec: string): string | undefined {
    const importerKey = workspaceDir === "" ? "." : workspaceDir;
    const importer = this.#importers[importerKey];
    if (importer === undefined || !Object.hasOwn(this.#importers, importerKey)) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_MISSING_WORKSPACE",
        `${FILE}: no importer "${importerKey}"`,
        {
          file: FILE,
          hint: "The lockfile is stale; run `pnpm install` to update it.",
        },
      );
    }
    const isKey = (version: string): boolean => this.#has(formatKey(this.#format, name, version));
    let resolutions = this.#resolutions.get(importerKey);
    if (resolutions === undefined) {
      resolutions = importerResolutions(importer);
      this.#resolutions.set(importerKey, resolutions);
    }
    const found = resolutions.get(name);
    if (found === undefined) return isKey(spec) ? spec : undefined;
    // turbo 2.11.13's rule, measured on its binary: an `overrides` entry only counts when the
    // spec is the one the importer records; otherwise an exact version with its own entry (a
    // transitive dependency) wins, and anything else takes the importer's resolution.
    if (found.specifier !== spec) return isKey(spec) ? spec : found.version;
    const override = Object.hasOwn(this.#overrides, name) ? this.#overrides[name] : undefined;
    if (override === undefined || override === spec) return found.version;
    if (isKey(spec)) return spec;
    return isKey(override) ? override : undefined;
  }
}

interface Resolution {
  readonly specifier: string;
  readonly version: string;
}

/**
 * The importer's specifier and resolved version of each direct dependency, read once per
 * importer (a closure asks for every dependency of every workspace).
 */
function importerResolutions(importer: Importer): Map<string, Resolution> {
  const groups = [importer.dependencies, importer.devDependencies, importer.optionalDependencies];
  const out = new Map<string, Resolution>();
  if (
    importer.specifiers !== undefined ||
    groups.some((g) => Object.values(record(g)).some(isString))
  ) {
    // v5 shape: `specifiers` beside name -> version maps; the first group naming it wins.
    const versions = new Map<string, string>();
    for (const group of groups) {
      for (const [name, version] of Object.entries(record(group))) {
        if (isString(version) && !versions.has(name)) versions.set(name, version);
      }
    }
    for (const [name, specifier] of Object.entries(record(importer.specifiers))) {
      const version = versions.get(name);
      if (isString(specifier) && version !== undefined) out.set(name, { specifier, version });
    }
    return out;
  }
  for (const group of groups) {
    for (const [name, dep] of Object.entries(record(group))) {
      if (out.has(name) || typeof dep !== "object" || dep === null) continue;
      const { specifier, version } = dep as Record<string, unknown>;
      if (isString(specifier) && isString(version)) out.set(name, { specifier, version });
    }
  }
  return out;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function parseError(detail: string, cause?: unknown): WorkspaceError {
  return new WorkspaceError("ERR_LOCKFILE_PARSE", `${FILE}: ${detail}`, {
    file: FILE,
    cause,
    hint: "Regenerate it with `pnpm install --lockfile-only`.",
  });
}
