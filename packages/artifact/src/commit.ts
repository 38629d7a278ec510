import { chmod, cp, lstat, readdir, rename, rm, symlink } from "node:fs/promises";
import path from "node:path";

import type { LinkEntry } from "./archive-model.js";
import { directoriesDeepestFirst, planCommit, type SkipExisting } from "./commit-plan.js";
import type { TreeNode } from "./restore-tree.js";
import type { Stage } from "./stage.js";

/**
 * Puts a fully staged and validated archive in place. The plan (commit-plan.ts) only looks and
 * refuses before anything changes. Then renames: a directory missing on disk moves as one
 * subtree, an existing one is merged, a file replaces a file or link atomically. Then symlinks
 * are created in dependency order (made in the stage and renamed over the destination, so an
 * existing link is replaced, never followed) and directory modes are applied deepest first.
 */
export async function commit(
  anchor: string,
  stage: Stage,
  tree: TreeNode,
  links: readonly LinkEntry[],
  skip: SkipExisting | undefined,
): Promise<{ skipped: string[] }> {
  const plan = planCommit(anchor, tree, { skip, reserved: stage.rel });
  for (const { node } of plan.moves) {
    await moveInto(stage.pathOf(node.path), path.join(anchor, node.path));
  }
  let n = 0;
  for (const link of links) {
    // A name with a backslash can never be an archive entry, so it cannot clash with a staged file.
    const tmp = stage.pathOf(`\\link-${n++}`);
    await symlink(link.target, tmp);
    await moveInto(tmp, path.join(anchor, link.path));
  }
  await stage.remove();
  for (const dir of directoriesDeepestFirst(tree)) {
    await chmod(path.join(anchor, dir.path), dir.mode);
  }
  return { skipped: plan.skipped };
}

/**
 * rename(2); across file systems (a mount inside the anchor) copy then remove. A staged directory
 * whose destination appeared since the plan (another process restoring the same outputs at the
 * same moment) is merged into it entry by entry, if that destination is a real directory.
 */
async function moveInto(src: string, dest: string): Promise<void> {
  try {
    await rename(src, dest);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTEMPTY" || code === "EEXIST") {
      const [from, to] = await Promise.all([lstat(src), lstat(dest)]);
      if (!from.isDirectory() || !to.isDirectory()) throw error;
      for (const name of await readdir(src)) {
        await moveInto(path.join(src, name), path.join(dest, name));
      }
      return;
    }
    if (code !== "EXDEV") throw error;
    await rm(dest, { force: true });
    await cp(src, dest, { recursive: true, verbatimSymlinks: true });
    await rm(src, { recursive: true, force: true });
  }
}
