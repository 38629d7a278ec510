import { stat } from "node:fs/promises";
import { join } from "node:path";

import { expandExclusion, rootRelativeGlob } from "./inputs.js";
import { WalkMemo } from "./walk-memo.js";

/**
 * Walks the filesystem under `root` for files matching `globs` (package-relative, `!` entries
 * exclude) of the package in `packageDir`, like turbo's globwalk: `.gitignore` is NOT consulted,
 * dotfiles match, a literal directory means everything under it. Returns turbo-root-relative
 * paths.
 *
 * A literal file (a path without glob syntax: `package.json`, `.env.production`) is included
 * whenever it exists, whatever the exclusions say, as turbo 2.11.13 includes it; it costs one
 * `stat`, shared with the run's other walks through `memo`. Only patterns with glob syntax and
 * literal directories are walked, by fast-glob, with the exclusions.
 */
export async function walkGlobs(
  root: string,
  packageDir: string,
  globs: readonly string[],
  memo: WalkMemo = new WalkMemo(),
): Promise<string[]> {
  // fast-glob is loaded on first use: runs without `inputs` or `globalDependencies` never need it.
  const { default: fg } = await import("fast-glob");
  const base = packageDir === "" ? "" : fg.escapePath(packageDir);
  const include: string[] = [];
  const literals: string[] = [];
  const exclude: string[] = [];
  for (const glob of globs) {
    const negated = glob.startsWith("!");
    const joined = rootRelativeGlob(base, negated ? glob.slice(1) : glob);
    if (joined === undefined || joined === "") continue;
    if (negated) exclude.push(...expandExclusion(joined));
    else if (fg.isDynamicPattern(joined)) include.push(joined);
    // Escaped characters: fast-glob reads the literal, as it always has.
    else if (base !== packageDir || joined.includes("\\"))
      include.push(await directoryLiteral(root, joined));
    else literals.push(joined);
  }
  const files: string[] = [];
  for (const literal of literals) {
    const stats = memo.stat(join(root, literal));
    if (stats?.isDirectory() === true) include.push(`${literal}/**`);
    else if (stats?.isFile() === true) files.push(literal);
  }
  if (include.length === 0) return files;
  // The synchronous walk: fast-glob's asynchronous one costs twice the CPU (a promise and a
  // callback for every directory), 56 against 25 ms for `**/.env.*local` over the benchmark's
  // 60-package yarn repo, 210 against 52 ms over its 250-package pnpm repo. Nothing else in a
  // run waits on the event loop meanwhile: git writes its listing into a file.
  const walked = fg.sync(include, {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: true,
    ignore: exclude,
    unique: true,
  });
  return files.length === 0 ? walked : [...new Set([...files, ...walked])];
}

/** A literal path to a directory means everything under it. */
async function directoryLiteral(root: string, glob: string): Promise<string> {
  try {
    return (await stat(join(root, glob))).isDirectory() ? `${glob}/**` : glob;
  } catch {
    return glob;
  }
}
