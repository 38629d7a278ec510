import { readFile } from "node:fs/promises";
import path from "node:path";

import fg from "fast-glob";

import { compareBytes } from "./byte-order.js";
import { parsePackageJson } from "./package-json.js";
import type { PackageJson } from "./types.js";
import type { WorkspaceGlobs } from "./workspace-globs.js";

/** A package.json found by the workspace globs: repo-relative unix dir plus parsed content. */
export interface DiscoveredPackageJson {
  readonly dir: string;
  readonly packageJson: PackageJson;
}

/**
 * Finds `<glob>/package.json` for every inclusion, minus exclusions, and parses each file.
 * I/O edge. Results are sorted by directory in byte order; the root package.json is skipped.
 */
export async function discoverPackageJsons(
  root: string,
  globs: WorkspaceGlobs,
): Promise<DiscoveredPackageJson[]> {
  const patterns = globs.inclusions.map((glob) => `${trimSlashes(glob)}/package.json`);
  // An exclusion names a directory or a file pattern; excluding the directory excludes its tree.
  const ignore = globs.exclusions.flatMap((glob) => [glob, `${trimSlashes(glob)}/**`]);
  const files = await fg(patterns, {
    cwd: root,
    ignore,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: true,
    unique: true,
  });
  const dirs = [...new Set(files.map((file) => path.posix.dirname(file)))]
    .filter((dir) => dir !== ".")
    .sort(compareBytes);
  return Promise.all(
    dirs.map(async (dir) => {
      const file = `${dir}/package.json`;
      const text = await readFile(path.join(root, file), "utf8");
      return { dir, packageJson: parsePackageJson(text, file) };
    }),
  );
}

function trimSlashes(glob: string): string {
  return glob.replace(/^\/+/, "").replace(/\/+$/, "");
}
