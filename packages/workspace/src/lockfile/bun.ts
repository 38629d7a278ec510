import { type ParseError, printParseErrorCode } from "jsonc-parser";

import { compareBytes } from "../byte-order.js";
import { WorkspaceError } from "../errors.js";
import { parseJsonc } from "../jsonc.js";
import type { LockfilePackage } from "../types.js";
import { cargoSatisfies } from "./cargo-semver.js";
import type { Lockfile } from "./lockfile.js";

type StringMap = Readonly<Record<string, string>>;
interface BunWorkspace {
  readonly name?: string;
  readonly version?: string;
}
interface BunInfo {
  readonly dependencies?: StringMap;
  readonly devDependencies?: StringMap;
  readonly optionalDependencies?: StringMap;
  readonly peerDependencies?: StringMap;
  readonly optionalPeers?: readonly string[];
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
 *
 * Resolution follows turbo 2.11.13: every dependency, transitive ones included, is looked up
 * from the workspace whose closure is computed (workspace-scoped entry, hoisted entry, then any
 * nested entry whose version matches), with Rust `semver` range semantics.
 */
export class BunLockfile implements Lockfile {
  readonly #workspaces: Readonly<Record<string, BunWorkspace>>;
  readonly #entries = new Map<string, BunEntry>();
  /** ident -> the entry under its byte-order-first key (turbo's `key_to_entry`). */
  readonly #byIdent = new Map<string, BunEntry>();
  /** name -> nested entries of that name (key with `/`, not bundled, not a workspace), key order. */
  readonly #nestedByName = new Map<string, BunEntry[]>();
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
    const packages = record(doc.packages);
    for (const key of Object.keys(packages).sort(compareBytes)) {
      const value = packages[key];
      if (!Array.isArray(value) || typeof value[0] !== "string") continue;
      const info = (value.find((v, i) => i > 0 && typeof v === "object" && v !== null) ??
        {}) as BunInfo;
      const entry = { key, ident: value[0], info };
      this.#entries.set(key, entry);
      if (!this.#byIdent.has(entry.ident)) this.#byIdent.set(entry.ident, entry);
      if (key.includes("/") && info.bundled !== true && !isWorkspaceIdent(entry.ident)) {
        const name = identName(entry.ident);
        const list = this.#nestedByName.get(name);
        if (list === undefined) this.#nestedByName.set(name, [entry]);
        else list.push(entry);
      }
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
    let resolved = spec;
    if (spec.startsWith("catalog:")) {
      const version = this.#catalogVersion(name, spec);
      if (version === undefined) return undefined;
      resolved = version;
    }
    const override = this.#overrides[name] ?? resolved;
    // A spec naming a workspace directory resolves to that workspace's version.
    const target = isWorkspacePathSpec(override) ? this.#workspaces[override] : undefined;
    if (target !== undefined) {
      const version = target.version ?? "0.0.0";
      return { key: `${name}@${version}`, version };
    }
    const forced = override === resolved ? undefined : this.#byIdent.get(`${name}@${override}`);
    const pick = (entry: BunEntry | undefined): LockfilePackage | undefined => {
      if (entry === undefined || isWorkspaceIdent(entry.ident)) return undefined;
      const pkg = this.#package(forced ?? entry);
      return override !== resolved || specAccepts(pkg.version, spec) ? pkg : undefined;
    };
    // The workspace-scoped entry shadows the hoisted one even when its version does not match.
    const scoped = this.#entries.get(`${workspace.name ?? ""}/${name}`);
    const first = pick(scoped ?? this.#entries.get(name) ?? this.#bundled(name));
    if (first !== undefined) return first;
    for (const entry of this.#nestedByName.get(name) ?? []) {
      const pkg = pick(entry);
      if (pkg !== undefined) return pkg;
    }
    return undefined;
  }

  /**
   * An entry's dependencies as name -> range, for `resolvePackage` from the same workspace. All
   * four fields, later ones winning (a peer's range replaces a dependency's). An optional peer is
   * followed only when a nested entry provides it; an optional dependency also when hoisted. A
   * nested entry pins its exact version (`=x.y.z`).
   */
  allDependencies(key: string): ReadonlyMap<string, string> | undefined {
    const entry = this.#byIdent.get(key);
    if (entry === undefined) return undefined;
    const { info } = entry;
    const optionalPeers = new Set(info.optionalPeers ?? []);
    const out = new Map<string, string>();
    const all = {
      ...info.dependencies,
      ...info.devDependencies,
      ...info.optionalDependencies,
      ...info.peerDependencies,
    };
    for (const [name, range] of Object.entries(all)) {
      const nested = this.#nested(entry.key, name, range);
      const optionalDep = info.optionalDependencies?.[name] !== undefined;
      if (nested === undefined && (optionalDep || optionalPeers.has(name))) {
        if (!optionalDep || !this.#entries.has(name)) continue;
      }
      out.set(name, nested === undefined ? range : `=${identVersion(nested.ident)}`);
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

  /**
   * `<key>/<dep>`, else `<prefix>/<dep>` for each `/`-separated prefix of the key, longest first
   * (turbo 2.11.13 cuts at every `/`, scope separators included), if that entry's version
   * matches the range; the first prefix entry found ends the walk.
   */
  #nested(key: string, dep: string, range: string): BunEntry | undefined {
    const direct = this.#entries.get(`${key}/${dep}`);
    if (direct !== undefined) return direct;
    for (let cut = key.lastIndexOf("/"); cut > 0; cut = key.lastIndexOf("/", cut - 1)) {
      const found = this.#entries.get(`${key.slice(0, cut)}/${dep}`);
      if (found !== undefined)
        return specAccepts(identVersion(found.ident), range) ? found : undefined;
    }
    return undefined;
  }

  /** A bundled entry of that name (`parent/<name>` with `bundled: true`), first in key order. */
  #bundled(name: string): BunEntry | undefined {
    for (const entry of this.#entries.values()) {
      if (entry.info.bundled === true && keyName(entry.key) === name) return entry;
    }
    return undefined;
  }

  #catalogVersion(name: string, spec: string): string | undefined {
    if (!spec.startsWith("catalog:")) return undefined;
    const group = spec.slice("catalog:".length);
    return group === "" ? this.#catalog[name] : this.#catalogs[group]?.[name];
  }
}

/** Name and version split at the last `@`, as turbo's `PackageIdent` does. */
function identName(ident: string): string {
  const at = ident.lastIndexOf("@");
  return at <= 0 ? ident : ident.slice(0, at);
}

function identVersion(ident: string): string {
  const at = ident.lastIndexOf("@");
  return at <= 0 ? ident : ident.slice(at + 1);
}

function isWorkspaceIdent(ident: string): boolean {
  return identVersion(ident).startsWith("workspace:");
}

/**
 * The package name a key ends with, as turbo's `PackageKey` reads it: everything after the first
 * `/` (after the second for a scoped key); the key itself at the top level.
 */
function keyName(key: string): string {
  const first = key.indexOf("/");
  if (first === -1) return key;
  const cut = key.startsWith("@") ? key.indexOf("/", first + 1) : first;
  return cut === -1 ? key : key.slice(cut + 1);
}

/** turbo's `VersionSpec`: a directory-like spec (a `/`, no `:`) that is not a range. */
function isWorkspacePathSpec(spec: string): boolean {
  return !looksLikeRange(spec) && spec.includes("/") && !spec.includes(":");
}

function looksLikeRange(spec: string): boolean {
  return /^[\^~=<>0-9]/.test(spec);
}

/**
 * turbo's check of a candidate against a spec: catalog references, directory specs and the
 * usual dist-tags accept anything, so do a range or version that Rust's `semver` cannot parse.
 */
function specAccepts(version: string, spec: string): boolean {
  if (spec.startsWith("catalog:") || isWorkspacePathSpec(spec)) return true;
  if (!looksLikeRange(spec) && TAGS.has(spec)) return true;
  return cargoSatisfies(version, spec) ?? true;
}

const TAGS = new Set(["latest", "next", "canary", "beta", "alpha"]);

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
