import { chmodSync } from "node:fs";
import { mkdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

import type { LinkEntry } from "./archive-model.js";
import { directoriesDeepestFirst, planCommit, type SkipExisting } from "./commit-plan.js";
import type { TreeNode } from "./restore-tree.js";

/** File and directory creations in flight at once within one restore. */
const PARALLEL_WRITES = 16;

/**
 * Puts an archive that was decoded and validated in memory in place, with no staging directory.
 * The same look-only plan as a staged commit runs first and refuses before anything changes.
 * Then: a directory missing on disk is created with its whole subtree, a new file is created
 * with `O_EXCL` (never through a link), a file or link that is already there is replaced by
 * writing a temporary file beside it and renaming it over (a reader never sees half a file),
 * links are made beside their destination and renamed over it in dependency order, and
 * directory modes are applied deepest first.
 *
 * Creating an inode is the costly part (a few hundred microseconds each on ext4), so creations
 * run on the thread pool, several at once: disjoint subtrees in parallel, and within a new
 * directory its files in parallel. Concurrent restores of other tasks overlap the same way.
 */
export async function commitInPlace(
  anchor: string,
  tree: TreeNode,
  links: readonly LinkEntry[],
  bodies: ReadonlyMap<string, readonly Buffer[]>,
  skip: SkipExisting | undefined,
): Promise<{ skipped: string[] }> {
  const plan = planCommit(anchor, tree, { skip });
  const temp = new TempNames();
  const bodyOf = (node: TreeNode): readonly Buffer[] => bodies.get(node.path) ?? [];
  const modeOf = (node: TreeNode): number => node.entry?.mode ?? 0o644;
  const create = async (node: TreeNode, dest: string): Promise<void> => {
    if (node.kind === "file") {
      await writeNewFile(dest, bodyOf(node), modeOf(node));
    } else if (node.kind === "directory") {
      await mkdir(dest);
      await eachLimited(node.children, (child) =>
        create(child, path.join(dest, basename(child.path))),
      );
    } // symlinks are made after every file and directory, in dependency order
  };
  await eachLimited(plan.moves, ({ node, replaces }) => {
    const dest = path.join(anchor, node.path);
    if (!replaces) return create(node, dest);
    return temp.replace(dest, (tmp) => writeNewFile(tmp, bodyOf(node), modeOf(node)));
  });
  for (const link of links) {
    await temp.replace(path.join(anchor, link.path), (tmp) => symlink(link.target, tmp));
  }
  for (const dir of directoriesDeepestFirst(tree)) chmodSync(path.join(anchor, dir.path), dir.mode);
  return { skipped: plan.skipped };
}

/**
 * Creates `file` (`O_CREAT | O_EXCL`: fails on anything already there, a link included) with
 * `parts` as its content. A write that fails after the create removes the file it created.
 */
async function writeNewFile(file: string, parts: readonly Buffer[], mode: number): Promise<void> {
  const data = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  try {
    await writeFile(file, data, { flag: "wx", mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") await rm(file, { force: true });
    throw error;
  }
}

/** Runs `fn` over `items` with at most PARALLEL_WRITES in flight; the first failure rejects. */
async function eachLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  if (items.length === 1) return fn(items[0] as T);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    try {
      while (!failed && next < items.length) await fn(items[next++] as T);
    } catch (error) {
      failed = true; // the other workers finish what they hold and take nothing more
      throw error;
    }
  };
  const workers = Array.from({ length: Math.min(PARALLEL_WRITES, items.length) }, worker);
  await Promise.all(workers);
}

/** Unique temporary names beside a destination, for create-then-rename replacement. */
class TempNames {
  #n = 0;

  /** Creates the temporary with `make` (which must fail on EEXIST), then renames it over `dest`. */
  async replace(dest: string, make: (tmp: string) => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const tmp = path.join(
        path.dirname(dest),
        `.turbine-restore-${String(process.pid)}-${String(this.#n++)}.tmp`,
      );
      try {
        await make(tmp);
      } catch (error) {
        // EEXIST: the name is someone else's file, so it is left alone and the next one is tried.
        if ((error as NodeJS.ErrnoException).code === "EEXIST" && attempt < 8) continue;
        throw error;
      }
      try {
        await rename(tmp, dest);
      } catch (error) {
        await rm(tmp, { force: true });
        throw error;
      }
      return;
    }
  }
}

function basename(rel: string): string {
  return rel.slice(rel.lastIndexOf("/") + 1);
}
