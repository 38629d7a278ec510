import { lstatSync, realpathSync, type Stats } from "node:fs";
import path from "node:path";

import type { ArtifactEntry } from "./artifact-entry.js";
import { refused } from "./artifact-error.js";
import { hasGitComponent } from "./entry-path.js";
import type { TreeNode } from "./restore-tree.js";

/**
 * Decides whether an existing regular file already matches its entry and can be left as it is
 * (a manifest-aware restore). Called only when the destination is a regular file.
 */
export type SkipExisting = (path: string, existing: Stats, entry: ArtifactEntry) => boolean;

/** One node to put in place: a file, or a directory missing on disk (moved as a whole subtree). */
export interface Move {
  readonly node: TreeNode;
  /** Something (a file or a link) is at the destination and is replaced. */
  readonly replaces: boolean;
}

export interface CommitPlan {
  readonly moves: Move[];
  readonly skipped: string[];
}

export interface PlanOptions {
  readonly skip: SkipExisting | undefined;
  /** An anchor-relative directory no entry may target (the staging area of a staged restore). */
  readonly reserved?: string;
}

/**
 * The look-only phase of every commit: walks the archive's tree against the disk (lstat, and
 * realpath for a directory that is a symlink) and refuses before anything changes, on a
 * destination directory that is a symlink resolving outside the anchor (ERR_ARTIFACT_PATH_ESCAPE)
 * or into a `.git` directory (ERR_ARTIFACT_GIT_PATH), or a type clash with what is on disk (ERR_ARTIFACT_CONFLICT). Synchronous: it is a handful of
 * metadata calls per entry, cheaper than as many thread-pool round trips.
 */
export function planCommit(anchor: string, tree: TreeNode, options: PlanOptions): CommitPlan {
  let realAnchor: string | undefined;
  const ctx: PlanContext = {
    anchor,
    // Needed only when the disk has a symlink where the archive has a directory.
    realAnchor: () => (realAnchor ??= realpathSync.native(anchor)),
    options,
    plan: { moves: [], skipped: [] },
  };
  for (const child of tree.children) planNode(child, ctx);
  return ctx.plan;
}

interface PlanContext {
  readonly anchor: string;
  readonly realAnchor: () => string;
  readonly options: PlanOptions;
  readonly plan: CommitPlan;
}

function planNode(node: TreeNode, ctx: PlanContext): void {
  const reserved = ctx.options.reserved;
  if (reserved !== undefined && (node.path === reserved || node.path.startsWith(`${reserved}/`))) {
    throw refused(
      "ERR_ARTIFACT_PATH_ESCAPE",
      `${node.path} targets the restore's own staging area`,
      { path: node.path },
    );
  }
  const dest = path.join(ctx.anchor, node.path);
  const st = lstatSync(dest, { throwIfNoEntry: false });
  if (node.kind === "symlink") {
    if (st?.isDirectory() === true) throw conflict(node.path, "a directory", "a symlink");
    return;
  }
  if (st === undefined) {
    ctx.plan.moves.push({ node, replaces: false });
    return;
  }
  if (node.kind === "file") {
    if (st.isDirectory()) throw conflict(node.path, "a directory", "a file");
    const skip = ctx.options.skip;
    if (st.isFile() && node.entry !== undefined && skip?.(node.path, st, node.entry) === true) {
      ctx.plan.skipped.push(node.path);
    } else {
      ctx.plan.moves.push({ node, replaces: true });
    }
    return;
  }
  if (st.isSymbolicLink()) checkLinkedDir(dest, node.path, ctx.realAnchor());
  else if (!st.isDirectory()) throw conflict(node.path, "a file", "a directory");
  for (const child of node.children) planNode(child, ctx);
}

/** An existing symlink where the archive has a directory may be used only if it stays inside. */
function checkLinkedDir(dest: string, rel: string, realAnchor: string): void {
  let real: string;
  try {
    real = realpathSync.native(dest);
  } catch {
    throw conflict(rel, "a dangling symlink", "a directory");
  }
  const inside = path.relative(realAnchor, real);
  if (inside.startsWith("..") || path.isAbsolute(inside)) {
    throw refused(
      "ERR_ARTIFACT_PATH_ESCAPE",
      `tar attempts to write outside of directory: ${rel} is a symlink to ${real}`,
      { path: rel },
    );
  }
  if (hasGitComponent(inside.split(path.sep).join("/"))) {
    throw refused("ERR_ARTIFACT_GIT_PATH", `${rel} is a symlink into a \`.git\` directory`, {
      path: rel,
    });
  }
  if (!lstatSync(real).isDirectory()) throw conflict(rel, "a symlink to a file", "a directory");
}

/** Directory entries with their modes, deepest first (the order modes are applied in). */
export function directoriesDeepestFirst(tree: TreeNode): { path: string; mode: number }[] {
  const out: { path: string; mode: number }[] = [];
  const visit = (node: TreeNode): void => {
    if (node.kind !== "directory") return;
    if (node.entry !== undefined) out.push({ path: node.path, mode: node.entry.mode });
    node.children.forEach(visit);
  };
  tree.children.forEach(visit);
  return out.sort((a, b) => b.path.split("/").length - a.path.split("/").length);
}

function conflict(rel: string, onDisk: string, inArchive: string): Error {
  return refused(
    "ERR_ARTIFACT_CONFLICT",
    `${rel} is ${onDisk} on disk but ${inArchive} in the artifact`,
    { path: rel },
  );
}
