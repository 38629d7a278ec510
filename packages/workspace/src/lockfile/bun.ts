import { type ParseError, printParseErrorCode } from "jsonc-parser";

import { WorkspaceError } from "../errors.js";
import { parseJsonc } from "../jsonc.js";
import { semver } from "../semver.js";
import type { LockfilePackage } from "../types.js";
import type { Lockfile } from "./lockfile.js";

type StringMap = Readonly<Record<string, string>>;
interface BunWorkspace {
  readonly name?: string;
}
interface BunInfo {
  readonly dependencies?: StringMap;
  readonly optionalDependencies?: StringMap;
  readonly bundled?: boolean;
}
interface BunEntry {
  readonly key: string;
  readonly ident: string;
  readonly info: BunInfo;
}

const FILE = "bun.lock";

/**
 * bun's text lockfile `bun.lock` (JSONC with trailing commas). Entries are
 * `key: [ident, registry, info, checksum]`; nested keys such as `a/b` or `workspace/b` shadow
 * the hoisted `b`. The closure key is the ident `name@version`; patched packages get
 * `+<patch>` appended to their version. Overrides and catalogs are applied to direct specs.
 */
export class BunLockfile implements Lockfile {
  readonly #workspaces: Readonly<Record<string, BunWorkspace>>;
  readonly #entries = new Map<string, BunEntry>();
  readonly #byIdent = new Map<string, BunEntry>();
  readonly #overrides: StringMap;
  readonly #catalog: StringMap;
  readonly #catalogs: Readonly<Record<string, StringMap>>;
  readonly #patches: StringMap;
  readonly #patchDigests: ReadonlyMap<string, string>;

  private constructor(doc: Record<string, unknown>, patchDigests: ReadonlyMap<string, string>) {
    this.#patchDigests = patchDigests;
    this.#workspaces = record(doc.workspaces) as Record<string, BunWorkspace>;
    this.#overrides = record(doc.overrides) as StringMap;
    this.#catalog = record(doc.catalog) as StringMap;
    this.#catalogs = record(doc.catalogs) as Record<string, StringMap>;
    this.#patches = record(doc.patchedDependencies) as StringMap;
    for (const [key, value] of Object.entries(record(doc.packages))) {
      if (!Array.isArray(value) || typeof value[0] !== "string") continue;
      const info = (value.find((v, i) => i > 0 && typeof v === "object" && v !== null) ??
        {}) as BunInfo;
      const entry = { key, ident: value[0], info };
      this.#entries.set(key, entry);
      const known = this.#byIdent.get(entry.ident);
      if (known === undefined || key.length < known.key.length)
        this.#byIdent.set(entry.ident, entry);
    }
  }

  /**
   * `patchDigests` maps each `patchedDependencies` file (repo-relative) to a digest of its
   * contents, so editing a patch changes the patched package's entry and its dependents' hashes.
   */
  static parse(text: string, patchDigests: ReadonlyMap<string, string> = new Map()): BunLockfile {
    const errors: ParseError[] = [];
    const doc: unknown = parseJsonc(text, errors);
    const first = errors[0];
    if (first !== undefined || typeof doc !== "object" || doc === null) {
      const detail =
        first === undefined
          ? "expected an object"
          : `${printParseErrorCode(first.error)} at offset ${first.offset}`;
      throw new WorkspaceError("ERR_LOCKFILE_PARSE", `${FILE}: unable to parse (${detail})`, {
        file: FILE,
        hint: "Regenerate it with `bun install --save-text-lockfile`.",
      });
    }
    return new BunLockfile(doc as Record<string, unknown>, patchDigests);
  }

  resolvePackage(workspaceDir: string, name: string, spec: string): LockfilePackage | undefined {
    const known = this.#byIdent.get(spec);
    if (known !== undefined) return this.#package(known);
    const workspace = this.#workspaces[workspaceDir];
    if (workspace === undefined) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_MISSING_WORKSPACE",
        `${FILE}: no workspace "${workspaceDir}"`,
        {
          file: FILE,
          hint: "The lockfile is stale; run `bun install` to update it.",
        },
      );
    }
    const resolved = this.#catalogVersion(name, spec) ?? spec;
    const override = this.#overrides[name];
    if (override !== undefined && override !== resolved) {
      const forced = this.#byIdent.get(`${name}@${override}`);
      if (forced !== undefined) return this.#package(forced);
    }
    const accepts = (entry: BunEntry): boolean =>
      override !== undefined || satisfies(identVersion(entry.ident), resolved);
    const candidates = [
      this.#entries.get(`${workspace.name ?? ""}/${name}`),
      this.#entries.get(name),
      ...[...this.#entries.values()].filter(
        (e) => e.key.includes("/") && e.info.bundled !== true && identName(e.ident) === name,
      ),
    ];
    for (const entry of candidates) {
      if (entry === undefined || isWorkspaceIdent(entry.ident)) continue;
      if (accepts(entry)) return this.#package(entry);
    }
    return undefined;
  }

  allDependencies(key: string): ReadonlyMap<string, string> | undefined {
    const entry = this.#byIdent.get(key);
    if (entry === undefined) return undefined;
    const out = new Map<string, string>();
    const deps = { ...entry.info.dependencies, ...entry.info.optionalDependencies };
    for (const [name, range] of Object.entries(deps)) {
      const target = this.#nested(entry.key, name, range) ?? this.#entries.get(name);
      if (target !== undefined && !isWorkspaceIdent(target.ident)) out.set(name, target.ident);
    }
    return out;
  }

  /** The patch files `patchedDependencies` names, repo-relative. */
  static patchFiles(text: string): string[] {
    const doc: unknown = parseJsonc(text, []);
    if (typeof doc !== "object" || doc === null) return [];
    const patches = record((doc as Record<string, unknown>).patchedDependencies);
    return Object.values(patches).filter((v): v is string => typeof v === "string");
  }

  humanName(pkg: LockfilePackage): string | undefined {
    return pkg.key;
  }

  #package(entry: BunEntry): LockfilePackage {
    const patch = this.#patches[entry.ident];
    const version = identVersion(entry.ident);
    if (patch === undefined) return { key: entry.ident, version };
    // turbo 2.11.13 hashes the patch file's contents into this entry in a form not reproduced
    // yet; Turbine adds a digest of the contents, so an edited patch is never a stale hit.
    const digest = this.#patchDigests.get(patch);
    return {
      key: entry.ident,
      version: `${version}+${patch}${digest === undefined ? "" : `#${digest}`}`,
    };
  }

  /** `<key>/<dep>`, else the nearest ancestor's `<ancestor>/<dep>` if it satisfies the range. */
  #nested(key: string, dep: string, range: string): BunEntry | undefined {
    const direct = this.#entries.get(`${key}/${dep}`);
    if (direct !== undefined) return direct;
    for (let cut = key.lastIndexOf("/"); cut > 0; cut = key.lastIndexOf("/", cut - 1)) {
      const found = this.#entries.get(`${key.slice(0, cut)}/${dep}`);
      if (found !== undefined)
        return satisfies(identVersion(found.ident), range) ? found : undefined;
    }
    return undefined;
  }

  #catalogVersion(name: string, spec: string): string | undefined {
    if (!spec.startsWith("catalog:")) return undefined;
    const group = spec.slice("catalog:".length);
    return group === "" ? this.#catalog[name] : this.#catalogs[group]?.[name];
  }
}

function identName(ident: string): string {
  const at = ident.indexOf("@", 1);
  return at === -1 ? ident : ident.slice(0, at);
}

function identVersion(ident: string): string {
  const at = ident.indexOf("@", 1);
  return at === -1 ? "" : ident.slice(at + 1);
}

function isWorkspaceIdent(ident: string): boolean {
  return identVersion(ident).startsWith("workspace:");
}

/** Non-semver specs (tags, protocols) and unparsable versions are accepted, as turbo does. */
function satisfies(version: string, spec: string): boolean {
  if (semver.validRange(spec) === null || semver.valid(version) === null) return true;
  return semver.satisfies(version, spec);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
