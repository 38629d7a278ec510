import { stat } from "node:fs/promises";
import { join } from "node:path";

import { expandExclusion, rootRelativeGlob } from "./inputs.js";

/**
 * Walks the filesystem under `root` for files matching `globs` (package-relative, `!` entries
 * exclude) of the package in `packageDir`, like turbo's globwalk: `.gitignore` is NOT consulted,
 * dotfiles match, a literal directory means everything under it. Returns turbo-root-relative
 * paths.
 */
export async function walkGlobs(
  root: string,
  packageDir: string,
  globs: readonly string[],
): Promise<string[]> {
  // fast-glob is loaded on first use: runs without `inputs` or `globalDependencies` never need it.
  const { default: fg } = await import("fast-glob");
  const base = packageDir === "" ? "" : fg.escapePath(packageDir);
  const include: string[] = [];
  const exclude: string[] = [];
  for (const glob of globs) {
    const negated = glob.startsWith("!");
    const joined = rootRelativeGlob(base, negated ? glob.slice(1) : glob);
    if (joined === undefined || joined === "") continue;
    if (negated) exclude.push(...expandExclusion(joined));
    else include.push(fg.isDynamicPattern(joined) ? joined : await directoryLiteral(root, joined));
  }
  if (include.length === 0) return [];
  return fg(include, {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: true,
    ignore: exclude,
    unique: true,
  });
}

/** A literal path to a directory means everything under it. */
async function directoryLiteral(root: string, glob: string): Promise<string> {
  try {
    return (await stat(join(root, glob))).isDirectory() ? `${glob}/**` : glob;
  } catch {
    return glob;
  }
}
