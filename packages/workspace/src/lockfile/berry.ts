import { describeError } from "@turbine/errors";

import { WorkspaceError } from "../errors.js";
import type { LockfilePackage } from "../types.js";
import { parseYaml } from "../yaml.js";
import {
  type Descriptor,
  descriptor,
  formatDescriptor,
  parseDescriptor,
  protocolOf,
  stripProtocol,
} from "./berry-identifiers.js";
import { parseResolution, reduceDependency, type Resolution } from "./berry-resolution.js";
import type { Lockfile } from "./lockfile.js";

interface BerryEntry {
  readonly version?: unknown;
  readonly resolution?: unknown;
  readonly dependencies?: Record<string, string>;
}

const FILE = "yarn.lock";

/**
 * yarn 2+ (berry) `yarn.lock`: YAML keyed by descriptors, each entry naming its locator in
 * `resolution` (e.g. `is-odd@npm:3.0.1`, the closure key). Ranges without a protocol are completed
 * from the lockfile's own descriptors, and root `resolutions` override dependencies.
 */
export class BerryLockfile implements Lockfile {
  /** descriptor string -> locator string */
  readonly #resolutions = new Map<string, string>();
  /** `ident@range-without-protocol` -> range with protocol */
  readonly #protocols = new Map<string, string>();
  readonly #packages = new Map<string, BerryEntry>();
  readonly #overrides: readonly Resolution[];
  readonly #workspaceLocators: readonly Descriptor[];

  private constructor(doc: Record<string, unknown>, resolutions: Readonly<Record<string, string>>) {
    for (const [key, value] of Object.entries(doc)) {
      if (key === "__metadata" || typeof value !== "object" || value === null) continue;
      const entry = value as BerryEntry;
      if (typeof entry.resolution !== "string") continue;
      const locator = parseDescriptor(entry.resolution);
      const locatorText = formatDescriptor(locator);
      this.#packages.set(locatorText, entry);
      for (const part of key.split(/ *, */)) {
        const d = parseDescriptor(part);
        this.#resolutions.set(formatDescriptor(d), locatorText);
        this.#protocols.set(`${d.ident}@${stripProtocol(d.range)}`, d.range);
      }
    }
    this.#overrides = Object.keys(resolutions)
      .sort()
      .flatMap((key) => parseResolution(key, resolutions[key] ?? "") ?? []);
    this.#workspaceLocators = [...this.#packages.keys()]
      .map(parseDescriptor)
      .filter((l) => l.range.startsWith("workspace:"))
      .sort(compareLocators);
  }

  /** `resolutions` is the root package.json field (overrides and patches). */
  static parse(text: string, resolutions: Readonly<Record<string, string>> = {}): BerryLockfile {
    let doc: unknown;
    try {
      doc = parseYaml(text, { schema: "failsafe", uniqueKeys: false });
    } catch (error) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_PARSE",
        `${FILE}: invalid YAML (${describeError(error)})`,
        {
          file: FILE,
          cause: error,
          hint: "Regenerate it with `yarn install`.",
        },
      );
    }
    if (typeof doc !== "object" || doc === null || !("__metadata" in doc)) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_PARSE",
        `${FILE}: missing the berry __metadata block`,
        {
          file: FILE,
          hint: "Regenerate it with yarn 2 or later.",
        },
      );
    }
    return new BerryLockfile(doc, resolutions);
  }

  resolvePackage(workspaceDir: string, name: string, spec: string): LockfilePackage | undefined {
    const workspace = this.#workspaceLocators.find((l) => l.range.endsWith(workspaceDir));
    if (workspace === undefined) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_MISSING_WORKSPACE",
        `${FILE}: no workspace "${workspaceDir}"`,
        {
          file: FILE,
          hint: "The lockfile is stale; run `yarn install` to update it.",
        },
      );
    }
    let dependency = descriptor(name, spec);
    if (protocolOf(dependency.range) === undefined) {
      const completed = this.#protocols.get(formatDescriptor(dependency));
      if (completed !== undefined) dependency = { ident: dependency.ident, range: completed };
    }
    dependency = this.#override(dependency, workspace);
    const locator = this.#resolutions.get(formatDescriptor(dependency));
    if (locator === undefined) return undefined;
    const entry = this.#packages.get(locator);
    if (entry === undefined) {
      throw new WorkspaceError(
        "ERR_LOCKFILE_INVALID_ENTRY",
        `${FILE}: no entry for locator "${locator}"`,
        {
          file: FILE,
        },
      );
    }
    return { key: locator, version: typeof entry.version === "string" ? entry.version : "" };
  }

  allDependencies(key: string): ReadonlyMap<string, string> | undefined {
    const entry = this.#packages.get(key);
    if (entry === undefined) return undefined;
    const parent = parseDescriptor(key);
    const out = new Map<string, string>();
    for (const [name, range] of Object.entries(entry.dependencies ?? {})) {
      const dependency = this.#override(descriptor(name, range), parent);
      out.set(dependency.ident, dependency.range);
    }
    return out;
  }

  /** `name@version`, as `turbo query` prints a berry entry (`prettier@3.6.2`, not the locator). */
  humanName(pkg: LockfilePackage): string | undefined {
    return `${parseDescriptor(pkg.key).ident}@${pkg.version}`;
  }

  #override(dependency: Descriptor, parent: Descriptor): Descriptor {
    for (const resolution of this.#overrides) {
      const reduced = reduceDependency(resolution, dependency, parent);
      if (reduced !== undefined) return reduced;
    }
    return dependency;
  }
}

/** turbo keeps locators in a BTreeMap: unscoped before scoped, then by name and reference. */
function compareLocators(a: Descriptor, b: Descriptor): number {
  const scoped = Number(a.ident.startsWith("@")) - Number(b.ident.startsWith("@"));
  if (scoped !== 0) return scoped;
  if (a.ident !== b.ident) return a.ident < b.ident ? -1 : 1;
  return a.range < b.range ? -1 : a.range > b.range ? 1 : 0;
}
