import { type Dirent, readdirSync } from "node:fs";
import { readlink, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";

import { gitBlobSha1 } from "./blob-hash.js";
import { compareUtf8 } from "./byte-order.js";

/**
 * What a walk found: files to hash by content, and symlinks hashed as git hashes a link (the
 * blob of its target text), keyed by turbo-root-relative path.
 */
export interface WalkResult {
  readonly files: string[];
  readonly links: Map<string, string>;
}

/**
 * How turbo 2.11.13 treats a symlink it meets while hashing: a dangling link is left out; a link
 * whose real target is outside the turbo root is hashed as a link (its target text); a link to a
 * file inside the root is hashed by the file's content; a link to a directory inside the root is
 * walked (its files keyed under the link's path).
 */
export type LinkKind =
  | { readonly kind: "dangling" }
  | { readonly kind: "outside" }
  | { readonly kind: "file" }
  | { readonly kind: "dir"; readonly real: string };

export async function classifyLink(path: string, realRoot: string): Promise<LinkKind> {
  let real: string;
  let isDir: boolean;
  try {
    [real, isDir] = await Promise.all([realpath(path), stat(path).then((s) => s.isDirectory())]);
  } catch {
    return { kind: "dangling" };
  }
  if (!isInside(real, realRoot)) return { kind: "outside" };
  return isDir ? { kind: "dir", real } : { kind: "file" };
}

/** Is the real path `real` the root or under it? */
export function isInside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot + sep);
}

/** git's id for a symlink: the blob of its target text. */
export async function linkTextHash(path: string): Promise<string> {
  return gitBlobSha1(Buffer.from(await readlink(path, { encoding: "buffer" })));
}

export interface WalkOptions {
  /** Absolute turbo root, and its real path. */
  readonly root: string;
  readonly realRoot: string;
  /** Keep this path (turbo-root-relative)? Default: everything. */
  readonly match?: (path: string) => boolean;
  /** Skip this directory (turbo-root-relative) and everything under it? */
  readonly prune?: (dir: string) => boolean;
  /** Directory levels below the start to descend; unbounded by default. */
  readonly maxDepth?: number;
  /**
   * Keep links to directories as links instead of entering them (turbo's `globalDependencies`
   * walk does; its task walks enter them).
   */
  readonly keepDirLinks?: boolean;
  /** Leave out the repository's own `.git` directory (the expansion of a linked directory does). */
  readonly skipGitDir?: boolean;
}

/**
 * Walks the directory at `start` (turbo-root-relative, `realStart` its real path) depth first in
 * byte order of names, as turbo's walker does, adding to `out`. Files are not read here.
 */
export async function walkTree(
  options: WalkOptions,
  start: string,
  realStart: string,
  out: WalkResult,
): Promise<void> {
  const followed = new Set<string>();
  const gitDir = options.skipGitDir === true ? join(options.realRoot, ".git") : undefined;
  const visit = async (dir: string, ancestors: readonly string[], depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      // Synchronous: the walk visits one directory at a time anyway, and a promise round trip
      // through the thread pool costs more than the listing (half the CPU of a walk over every
      // directory of a repo, `**/.env.*local`).
      entries = readdirSync(join(options.root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => compareUtf8(a.name, b.name));
    for (const entry of entries) {
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      const matches = options.match?.(path) ?? true;
      if (entry.isFile()) {
        if (matches) out.files.push(path);
      } else if (entry.isDirectory()) {
        const real = join(ancestors.at(-1) ?? realStart, entry.name);
        if (
          depth < (options.maxDepth ?? Infinity) &&
          options.prune?.(path) !== true &&
          real !== gitDir
        ) {
          await visit(path, [...ancestors, real], depth + 1);
        }
      } else if (entry.isSymbolicLink()) {
        const abs = join(options.root, path);
        const link = await classifyLink(abs, options.realRoot);
        if (link.kind === "file") {
          if (matches) out.files.push(path);
        } else if (
          link.kind === "dir" &&
          options.keepDirLinks !== true &&
          !refused(link.real, ancestors, followed)
        ) {
          followed.add(link.real);
          if (depth < (options.maxDepth ?? Infinity) && options.prune?.(path) !== true) {
            await visit(path, [...ancestors, link.real], depth + 1);
          }
        } else if (link.kind !== "dangling" && matches) {
          out.links.set(path, await linkTextHash(abs));
        }
      }
    }
  };
  await visit(start, [realStart], 0);
}

/**
 * turbo enters a linked directory once per walk: a link back into a directory being walked (a
 * cycle), or to a directory already entered through an earlier link, is kept as a link.
 */
function refused(
  real: string,
  ancestors: readonly string[],
  followed: ReadonlySet<string>,
): boolean {
  return ancestors.includes(real) || followed.has(real);
}
