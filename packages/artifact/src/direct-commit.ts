import fs from "node:fs";
import path from "node:path";

import type { LinkEntry } from "./archive-model.js";
import { type CommitOp, runCommitOps, type TempNames } from "./commit-ops.js";
import { directoriesDeepestFirst, planCommit, type SkipExisting } from "./commit-plan.js";
import type { CommitWorker } from "./commit-worker.js";
import type { TreeNode } from "./restore-tree.js";

/** Temporary names of commits run on this thread (the worker has its own prefix). */
const MAIN_TEMP: TempNames = { prefix: `.turbine-restore-${String(process.pid)}-`, n: 0 };

/**
 * Puts an archive that was decoded and validated in memory in place, with no staging directory.
 * The same look-only plan as a staged commit runs first and refuses before anything changes.
 * Then: a directory missing on disk is created with its whole subtree, a new file is created
 * with `O_EXCL` (never through a link), a file or link that is already there is replaced by
 * writing a temporary file beside it and renaming it over (a reader never sees half a file),
 * links are made beside their destination and renamed over it in dependency order, and
 * directory modes are applied deepest first.
 *
 * The steps are synchronous system calls (a few per entry, cheaper than as many thread-pool
 * round trips). With a `worker` that can take a job now, they run there instead, in one message,
 * so the main thread goes on decoding the next artifact while the kernel creates this one's
 * inodes (the costly part: a few hundred microseconds each right after outputs were deleted).
 */
export async function commitInPlace(
  anchor: string,
  tree: TreeNode,
  links: readonly LinkEntry[],
  bodies: ReadonlyMap<string, readonly Buffer[]>,
  skip: SkipExisting | undefined,
  worker?: CommitWorker,
): Promise<{ skipped: string[] }> {
  const plan = planCommit(anchor, tree, { skip });
  const steps = new CommitSteps(bodies);
  for (const { node, replaces } of plan.moves) {
    const dest = path.join(anchor, node.path);
    if (replaces) steps.file("replace", node, dest);
    else steps.create(node, dest);
  }
  for (const link of links) {
    steps.ops.push({ kind: "link", path: path.join(anchor, link.path), target: link.target });
  }
  for (const dir of directoriesDeepestFirst(tree)) {
    steps.ops.push({ kind: "chmod", path: path.join(anchor, dir.path), mode: dir.mode });
  }
  const data = steps.data();
  if (worker?.accepts() === true) await worker.run(steps.ops, data);
  else {
    const start = performance.now();
    runCommitOps(fs, path, steps.ops, data, MAIN_TEMP);
    worker?.noteLocalCommit(performance.now() - start);
  }
  return { skipped: plan.skipped };
}

/** The steps of one commit and the bodies they write, gathered into one buffer. */
class CommitSteps {
  readonly ops: CommitOp[] = [];
  readonly #bodies: ReadonlyMap<string, readonly Buffer[]>;
  readonly #parts: Buffer[] = [];
  #size = 0;

  constructor(bodies: ReadonlyMap<string, readonly Buffer[]>) {
    this.#bodies = bodies;
  }

  /** A node missing on disk: a file, or a directory with its whole subtree. */
  create(node: TreeNode, dest: string): void {
    if (node.kind === "file") this.file("create", node, dest);
    else if (node.kind === "directory") {
      this.ops.push({ kind: "mkdir", path: dest });
      for (const child of node.children) this.create(child, path.join(dest, basename(child.path)));
    } // symlinks are made after every file and directory, in dependency order
  }

  file(kind: "create" | "replace", node: TreeNode, dest: string): void {
    const offset = this.#size;
    for (const part of this.#bodies.get(node.path) ?? []) {
      this.#parts.push(part);
      this.#size += part.length;
    }
    const mode = node.entry?.mode ?? 0o644;
    this.ops.push({ kind, path: dest, offset, length: this.#size - offset, mode });
  }

  /** The bodies in one buffer of its own (safe to transfer to the worker). */
  data(): Uint8Array {
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const part of this.#parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

function basename(rel: string): string {
  return rel.slice(rel.lastIndexOf("/") + 1);
}
