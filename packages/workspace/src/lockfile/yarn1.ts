import { createRequire } from "node:module";

import { describeError } from "@turbine/errors";
import type * as YarnLockfileTypes from "@yarnpkg/lockfile";

import { WorkspaceError } from "../errors.js";
import type { LockfilePackage } from "../types.js";
import type { Lockfile } from "./lockfile.js";

interface Yarn1Entry {
  readonly version?: unknown;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

type YarnLockfileModule = typeof YarnLockfileTypes;

const FILE = "yarn.lock";

// Named `require` so the CLI bundle can treat `require("@yarnpkg/lockfile")` as a bundled require
// (see packages/cli/rolldown.config.mjs).
const require = createRequire(import.meta.url);

/**
 * A CommonJS bundle whose named exports ESM loaders cannot see; loaded the CommonJS way, and only
 * when a yarn 1 lockfile is parsed (other repos skip its start-up cost).
 */
function yarnLockfile(): YarnLockfileModule {
  return require("@yarnpkg/lockfile") as YarnLockfileModule;
}
const PROTOCOLS = ["", "npm:", "file:", "workspace:", "yarn:"] as const;

/**
 * yarn 1 `yarn.lock`. Keys are descriptors (`is-number@^6.0.0`); a combined key
 * `a@^1, a@^1.2` is split into one key per descriptor, all sharing the entry.
 */
export class Yarn1Lockfile implements Lockfile {
  readonly #entries: ReadonlyMap<string, Yarn1Entry>;

  private constructor(entries: ReadonlyMap<string, Yarn1Entry>) {
    this.#entries = entries;
  }

  static parse(text: string): Yarn1Lockfile {
    let result: ReturnType<YarnLockfileModule["parse"]>;
    try {
      result = yarnLockfile().parse(text);
    } catch (error) {
      throw parseError(describeError(error), error);
    }
    if (result.type === "conflict") throw parseError("it contains unresolved merge conflicts");
    const entries = new Map<string, Yarn1Entry>();
    for (const [descriptor, entry] of Object.entries(result.object)) {
      // The parser splits combined keys already; split defensively for hand-written files.
      for (const key of descriptor.split(/ *, */)) entries.set(key, entry);
    }
    return new Yarn1Lockfile(entries);
  }

  resolvePackage(_workspaceDir: string, name: string, spec: string): LockfilePackage | undefined {
    for (const protocol of PROTOCOLS) {
      const key = `${name}@${protocol}${spec}`;
      const entry = this.#entries.get(key);
      if (entry !== undefined) return { key, version: versionOf(entry) };
    }
    return undefined;
  }

  allDependencies(key: string): ReadonlyMap<string, string> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    return new Map([
      ...Object.entries(entry.dependencies ?? {}),
      ...Object.entries(entry.optionalDependencies ?? {}),
    ]);
  }

  /** `name@version`; an alias key (`x@npm:zod@^4`) is printed under the real name, as turbo does. */
  humanName(pkg: LockfilePackage): string | undefined {
    const at = pkg.key.lastIndexOf("@");
    if (at <= 0) return undefined;
    const name = pkg.key.slice(0, at);
    const alias = name.indexOf("@npm:", 1);
    return `${alias === -1 ? name : name.slice(alias + "@npm:".length)}@${pkg.version}`;
  }
}

function versionOf(entry: Yarn1Entry): string {
  const { version } = entry;
  return typeof version === "string" || typeof version === "number" ? String(version) : "";
}

function parseError(detail: string, cause?: unknown): WorkspaceError {
  return new WorkspaceError("ERR_LOCKFILE_PARSE", `${FILE}: unable to parse (${detail})`, {
    file: FILE,
    cause,
    hint: "Resolve any merge conflicts and run `yarn install`.",
  });
}
