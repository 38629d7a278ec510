import { access } from "node:fs/promises";
import { join } from "node:path";

import type { PackageManagerName } from "@turbine/workspace";

import { walkGlobs } from "./input-walk.js";
import type { RepoIndex } from "./repo-index.js";

/** The package manager's default workspace exclusions, applied to `globalDependencies` walks. */
export function defaultWorkspaceExclusions(pm: PackageManagerName): string[] {
  switch (pm) {
    case "pnpm":
    case "pnpm6":
      return ["**/node_modules/**", "**/bower_components/**"];
    case "bun":
      return ["**/node_modules", "**/.git"];
    case "berry":
      return ["**/node_modules/**", "**/.yarn/**"];
    case "npm":
    case "yarn":
      return ["**/node_modules/**"];
  }
}

export interface GlobalFilesInput {
  /** `globalDependencies` plus `--global-deps` globs, repo-relative, `!` entries exclude. */
  readonly globs: readonly string[];
  /** Workspace exclusions (default ones plus the workspace config's `!` globs), without `!`. */
  readonly workspaceExclusions: readonly string[];
  /** Single-package mode: package.json and the lockfile are hashed as files. */
  readonly singlePackage: boolean;
  /** The lockfile name, e.g. "package-lock.json". */
  readonly lockfileName: string;
}

/**
 * `globalFileHashMap` (§1.8): repo-relative path → blob id for files matched by the global
 * dependency globs (a filesystem walk), plus `.gitattributes` when present, plus package.json and
 * the lockfile in single-package mode.
 */
export async function globalFileHashes(
  index: RepoIndex,
  input: GlobalFilesInput,
): Promise<Map<string, string>> {
  const paths: string[] = [];
  let links: ReadonlyMap<string, string> = new Map();
  if (input.globs.length > 0) {
    const exclusions = input.workspaceExclusions.map((g) => `!${g}`);
    // turbo's global walk keeps links to directories as links; a task's walk enters them.
    const walked = await walkGlobs(index.root, "", [...input.globs, ...exclusions], {
      keepDirLinks: true,
    });
    paths.push(...walked.files);
    links = walked.links;
  }
  const extra = [".gitattributes"];
  if (input.singlePackage) extra.push("package.json", input.lockfileName);
  for (const file of extra) if (await exists(join(index.root, file))) paths.push(file);
  const hashes = await index.hashFiles([...new Set(paths)]);
  for (const [path, hash] of links) hashes.set(path, hash);
  return hashes;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
