import { chmodSync, mkdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";

import type { LinkEntry } from "./archive-model.js";
import { directoriesDeepestFirst, planCommit, type SkipExisting } from "./commit-plan.js";
import { writeSmallFile } from "./file-writer.js";
import type { TreeNode } from "./restore-tree.js";

/**
 * Puts an archive that was decoded and validated in memory in place, with no staging directory.
 * The same look-only plan as a staged commit runs first and refuses before anything changes.
 * Then: a directory missing on disk is created with its whole subtree, a new file is created
 * with `O_EXCL` (never through a link), a file or link that is already there is replaced by
 * writing a temporary file beside it and renaming it over (a reader never sees half a file),
 * links are made beside their destination and renamed over it in dependency order, and
 * directory modes are applied deepest first. Synchronous: an artifact small enough to be held
 * in memory costs a few system calls per entry, less than as many thread-pool round trips.
 */
export function commitInPlace(
  anchor: string,
  tree: TreeNode,
  links: readonly LinkEntry[],
  bodies: ReadonlyMap<string, readonly Buffer[]>,
  skip: SkipExisting | undefined,
): { skipped: string[] } {
  const plan = planCommit(anchor, tree, { skip });
  const temp = new TempNames();
  const bodyOf = (node: TreeNode): readonly Buffer[] => bodies.get(node.path) ?? [];
  const modeOf = (node: TreeNode): number => node.entry?.mode ?? 0o644;
  const create = (node: TreeNode, dest: string): void => {
    if (node.kind === "file") {
      writeSmallFile(dest, bodyOf(node), modeOf(node), "wx");
    } else if (node.kind === "directory") {
      mkdirSync(dest);
      for (const child of node.children) create(child, path.join(dest, basename(child.path)));
    } // symlinks are made after every file and directory, in dependency order
  };
  for (const { node, replaces } of plan.moves) {
    const dest = path.join(anchor, node.path);
    if (!replaces) create(node, dest);
    else {
      temp.replace(dest, (tmp) => {
        writeSmallFile(tmp, bodyOf(node), modeOf(node), "wx");
      });
    }
  }
  for (const link of links) {
    temp.replace(path.join(anchor, link.path), (tmp) => {
      symlinkSync(link.target, tmp);
    });
  }
  for (const dir of directoriesDeepestFirst(tree)) chmodSync(path.join(anchor, dir.path), dir.mode);
  return { skipped: plan.skipped };
}

/** Unique temporary names beside a destination, for create-then-rename replacement. */
class TempNames {
  #n = 0;

  /** Creates the temporary with `make` (which must fail on EEXIST), then renames it over `dest`. */
  replace(dest: string, make: (tmp: string) => void): void {
    for (let attempt = 0; ; attempt++) {
      const tmp = path.join(
        path.dirname(dest),
        `.turbine-restore-${String(process.pid)}-${String(this.#n++)}.tmp`,
      );
      try {
        make(tmp);
      } catch (error) {
        // EEXIST: the name is someone else's file, so it is left alone and the next one is tried.
        if ((error as NodeJS.ErrnoException).code === "EEXIST" && attempt < 8) continue;
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") rmSync(tmp, { force: true });
        throw error;
      }
      try {
        renameSync(tmp, dest);
      } catch (error) {
        rmSync(tmp, { force: true });
        throw error;
      }
      return;
    }
  }
}

function basename(rel: string): string {
  return rel.slice(rel.lastIndexOf("/") + 1);
}
