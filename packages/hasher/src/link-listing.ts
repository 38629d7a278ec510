import { lstat, realpath } from "node:fs/promises";
import { join } from "node:path";

import { classifyLink, linkTextHash, type WalkResult, walkTree } from "./tree-walk.js";

/** The default set's symlinks, resolved the way turbo 2.11.13 hashes them. */
export interface ListedLinks {
  /** Links to files inside the turbo root: hashed by content. */
  readonly byContent: string[];
  /**
   * Links hashed as links (to a directory inside the root, or to anything outside it), and
   * links met inside those directories.
   */
  readonly asLinks: Map<string, string>;
  /** Files under linked directories, keyed through the link (`link/file`): hashed by content. */
  readonly expanded: string[];
}

/**
 * Resolves the symlinks git lists (committed or untracked, turbo-root-relative). A link to a
 * directory inside the root counts twice, as turbo counts it: the link itself, and every file
 * under the directory as `link/...` (.gitignore not consulted, the repository's `.git` left out,
 * nested links followed as in a glob walk). Dangling links are left out.
 *
 * A link to a directory outside the root counts as the link alone. turbo also walks that
 * directory, keeping the files it reaches inside the root (a link to `/` or to the home directory
 * walks the whole disk); Turbine does not walk outside the repository, so its hash differs from
 * turbo's only when such a directory leads back into the repository.
 */
export async function resolveListedLinks(
  root: string,
  links: readonly string[],
): Promise<ListedLinks> {
  const out: ListedLinks = { byContent: [], asLinks: new Map(), expanded: [] };
  if (links.length === 0) return out;
  const realRoot = await realpath(root);
  const walked: WalkResult = { files: out.expanded, links: out.asLinks };
  for (const path of links) {
    const abs = join(root, path);
    const link = await classifyLink(abs, realRoot);
    if (link.kind === "dangling") continue;
    if (link.kind === "file") {
      out.byContent.push(path);
      continue;
    }
    out.asLinks.set(path, await linkTextHash(abs));
    if (link.kind === "dir") {
      await walkTree({ root, realRoot, skipGitDir: true }, path, link.real, walked);
    }
  }
  return out;
}

/** The symlinks among `paths` (turbo-root-relative). */
export async function symlinksAmong(root: string, paths: readonly string[]): Promise<Set<string>> {
  const flags = await Promise.all(
    paths.map((p) =>
      lstat(join(root, p)).then(
        (s) => s.isSymbolicLink(),
        () => false,
      ),
    ),
  );
  return new Set(paths.filter((_, i) => flags[i] === true));
}
