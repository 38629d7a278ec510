import { lstat, realpath } from "node:fs/promises";
import { join } from "node:path";

import { expandExclusion, rootRelativeGlob } from "./inputs.js";
import { classifyLink, isInside, linkTextHash, type WalkResult, walkTree } from "./tree-walk.js";
import { WalkMemo } from "./walk-memo.js";

/**
 * Walks the filesystem under `root` for files matching `globs` (package-relative, `!` entries
 * exclude) of the package in `packageDir`, like turbo's globwalk: `.gitignore` is NOT consulted,
 * dotfiles match, a literal directory means everything under it. Each glob is walked from its
 * literal base, depth first in name order; symlinks follow turbo's rules (see `classifyLink`),
 * and a directory link is entered once per walk (or never, with `keepDirLinks`, beyond the base).
 * Returns turbo-root-relative paths.
 *
 * A literal file (a path without glob syntax: `package.json`, `.env.production`) is included
 * whenever it exists, whatever the exclusions say, as turbo 2.11.13 includes it. Its `stat` and
 * the root's real path are shared with the run's other walks through `memo` (synchronous: a few
 * microseconds against the tens a promise round trip costs), and the exclusions are compiled
 * only for a walk that needs them: most walks are literals alone, and a run has one per task.
 */
export async function walkGlobs(
  root: string,
  packageDir: string,
  globs: readonly string[],
  options: { readonly keepDirLinks?: boolean; readonly memo?: WalkMemo } = {},
): Promise<WalkResult> {
  const { memo = new WalkMemo(), ...walkOptions } = options;
  // picomatch is loaded on first use: runs without `inputs` or `globalDependencies` never need it.
  const { default: picomatch } = await import("picomatch");
  const include: string[] = [];
  const exclude: string[] = [];
  for (const glob of globs) {
    const negated = glob.startsWith("!");
    const joined = rootRelativeGlob(packageDir, negated ? glob.slice(1) : glob);
    if (joined === undefined || joined === "") continue;
    if (negated) exclude.push(...expandExclusion(joined));
    else include.push(joined);
  }
  const out: WalkResult = { files: [], links: new Map() };
  if (include.length === 0) return out;
  let compiled: ((path: string) => boolean) | undefined;
  const isExcluded = (path: string): boolean => {
    compiled ??= exclude.length === 0 ? () => false : picomatch(exclude, { dot: true });
    return compiled(path);
  };
  const realRoot = memo.realpath(root);
  for (const glob of include) {
    const scan = picomatch.scan(glob);
    if (!scan.isGlob && memo.stat(join(root, glob))?.isDirectory() !== true) {
      await addLiteral(root, realRoot, glob, out, memo);
      continue;
    }
    const pattern = scan.isGlob ? glob : `${glob}/**`;
    const base = scan.isGlob ? scan.base : glob;
    // A base outside the turbo root, or reached through a link cycle, is not walked.
    const realBase = await realpath(join(root, base)).catch(() => undefined);
    if (realBase === undefined || !isInside(realBase, realRoot)) continue;
    if (await throughCycle(root, base)) continue;
    const isMatch = picomatch(pattern, { dot: true });
    await walkTree(
      {
        root,
        realRoot,
        match: (path) => isMatch(path) && !isExcluded(path),
        prune: isExcluded,
        maxDepth: depthBound(pattern, base),
        ...walkOptions,
      },
      base,
      realBase,
      out,
    );
  }
  return { files: [...new Set(out.files)], links: out.links };
}

/** A literal file (or link) path. */
async function addLiteral(
  root: string,
  realRoot: string,
  path: string,
  out: WalkResult,
  memo: WalkMemo,
): Promise<void> {
  const abs = join(root, path);
  const info = memo.lstat(abs);
  if (info === undefined) return;
  if (info.isFile()) {
    out.files.push(path);
    return;
  }
  if (!info.isSymbolicLink()) return;
  const link = await classifyLink(abs, realRoot);
  if (link.kind === "file") out.files.push(path);
  else if (link.kind === "outside") out.links.set(path, await linkTextHash(abs));
}

/**
 * Does `path` (turbo-root-relative) pass through a link back to one of its own ancestors, as in
 * `self/src` with `self -> .`? turbo's walk of such a base finds nothing. The last component may
 * be such a link (`self/**` is walked).
 */
async function throughCycle(root: string, path: string): Promise<boolean> {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    const prefix = join(root, ...parts.slice(0, i));
    const info = await lstat(prefix).catch(() => undefined);
    if (info?.isSymbolicLink() !== true) continue;
    const [target, parent] = await Promise.all([
      realpath(prefix),
      realpath(join(root, ...parts.slice(0, i - 1))),
    ]);
    if (isInside(parent, target)) return true;
  }
  return false;
}

/** How deep below its base a pattern can match: its segment count, unbounded with `**` or braces. */
function depthBound(pattern: string, base: string): number {
  const rest = base === "" ? pattern : pattern.slice(base.length + 1);
  if (rest.includes("**") || rest.includes("{")) return Infinity;
  return rest.split("/").length - 1;
}
