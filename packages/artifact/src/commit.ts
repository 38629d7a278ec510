import type { Stats } from "node:fs";
import { chmod, cp, lstat, realpath, rename, rm, symlink } from "node:fs/promises";
import path from "node:path";

import type { LinkEntry } from "./archive-model.js";
import type { ArtifactEntry } from "./artifact-entry.js";
import { refused } from "./artifact-error.js";
import type { TreeNode } from "./restore-tree.js";
import type { Stage } from "./stage.js";

/**
 * Decides whether an existing regular file already matches its entry and can be left as it is
 * (a manifest-aware restore). Called only when the destination is a regular file.
 */
export type SkipExisting = (path: string, existing: Stats, entry: ArtifactEntry) => boolean;

interface Plan {
  /** Nodes whose staged file or whole staged subtree is renamed into place. */
  readonly moves: string[];
  readonly skipped: string[];
}

/**
 * Puts a fully staged and validated archive in place. Phase 1 only looks (lstat/realpath) and
 * refuses before anything changes: a destination directory that is a symlink resolving outside
 * the anchor (ERR_ARTIFACT_PATH_ESCAPE), or a type clash with what is on disk
 * (ERR_ARTIFACT_CONFLICT). Phase 2 renames: a directory missing on disk moves as one subtree,
 * an existing one is merged, a file replaces a file or link atomically. Then symlinks are
 * created in dependency order (made in the stage and renamed over the destination, so an
 * existing link is replaced, never followed) and directory modes are applied deepest first.
 */
export async function commit(
  anchor: string,
  stage: Stage,
  tree: TreeNode,
  links: readonly LinkEntry[],
  skip: SkipExisting | undefined,
): Promise<{ skipped: string[] }> {
  const realAnchor = await realpath(anchor);
  const plan: Plan = { moves: [], skipped: [] };
  for (const child of tree.children)
    await planNode(child, { anchor, realAnchor, stage, skip, plan });
  for (const rel of plan.moves) await moveInto(stage.pathOf(rel), path.join(anchor, rel));
  let n = 0;
  for (const link of links) {
    // A name with a backslash can never be an archive entry, so it cannot clash with a staged file.
    const tmp = stage.pathOf(`\\link-${n++}`);
    await symlink(link.target, tmp);
    await moveInto(tmp, path.join(anchor, link.path));
  }
  const dirs = collectDirs(tree).sort(
    (a, b) => b.path.split("/").length - a.path.split("/").length,
  );
  await stage.remove();
  for (const dir of dirs) await chmod(path.join(anchor, dir.path), dir.mode);
  return { skipped: plan.skipped };
}

interface PlanContext {
  readonly anchor: string;
  readonly realAnchor: string;
  readonly stage: Stage;
  readonly skip: SkipExisting | undefined;
  readonly plan: Plan;
}

async function planNode(node: TreeNode, ctx: PlanContext): Promise<void> {
  if (node.path === ctx.stage.rel || node.path.startsWith(`${ctx.stage.rel}/`)) {
    throw refused(
      "ERR_ARTIFACT_PATH_ESCAPE",
      `${node.path} targets the restore's own staging area`,
      { path: node.path },
    );
  }
  const dest = path.join(ctx.anchor, node.path);
  const st = await lstat(dest).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  });
  if (node.kind === "symlink") {
    if (st?.isDirectory() === true) throw conflict(node.path, "a directory", "a symlink");
    return;
  }
  if (st === undefined) {
    ctx.plan.moves.push(node.path);
    return;
  }
  if (node.kind === "file") {
    if (st.isDirectory()) throw conflict(node.path, "a directory", "a file");
    if (st.isFile() && node.entry !== undefined && ctx.skip?.(node.path, st, node.entry) === true) {
      ctx.plan.skipped.push(node.path);
    } else {
      ctx.plan.moves.push(node.path);
    }
    return;
  }
  if (st.isSymbolicLink()) await checkLinkedDir(dest, node.path, ctx.realAnchor);
  else if (!st.isDirectory()) throw conflict(node.path, "a file", "a directory");
  for (const child of node.children) await planNode(child, ctx);
}

/** An existing symlink where the archive has a directory may be used only if it stays inside. */
async function checkLinkedDir(dest: string, rel: string, realAnchor: string): Promise<void> {
  const real = await realpath(dest).catch(() => undefined);
  if (real === undefined) throw conflict(rel, "a dangling symlink", "a directory");
  const inside = path.relative(realAnchor, real);
  if (inside.startsWith("..") || path.isAbsolute(inside)) {
    throw refused(
      "ERR_ARTIFACT_PATH_ESCAPE",
      `tar attempts to write outside of directory: ${rel} is a symlink to ${real}`,
      { path: rel },
    );
  }
  if (!(await lstat(real)).isDirectory()) throw conflict(rel, "a symlink to a file", "a directory");
}

/** rename(2); across file systems (a mount inside the anchor) copy then remove. */
async function moveInto(src: string, dest: string): Promise<void> {
  try {
    await rename(src, dest);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await rm(dest, { force: true });
    await cp(src, dest, { recursive: true, verbatimSymlinks: true });
    await rm(src, { recursive: true, force: true });
  }
}

function collectDirs(tree: TreeNode): { path: string; mode: number }[] {
  const out: { path: string; mode: number }[] = [];
  const visit = (node: TreeNode): void => {
    if (node.kind !== "directory") return;
    if (node.entry !== undefined) out.push({ path: node.path, mode: node.entry.mode });
    node.children.forEach(visit);
  };
  tree.children.forEach(visit);
  return out;
}

function conflict(rel: string, onDisk: string, inArchive: string): Error {
  return refused(
    "ERR_ARTIFACT_CONFLICT",
    `${rel} is ${onDisk} on disk but ${inArchive} in the artifact`,
    { path: rel },
  );
}
