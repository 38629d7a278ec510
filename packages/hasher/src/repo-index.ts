import { hashFilesDirectly } from "./blob-hash.js";
import { compareUtf8 } from "./byte-order.js";
import { findGitRoot } from "./git.js";
import {
  type FileListing,
  hashWorkingCopies,
  listCommitFiles,
  listGitFiles,
} from "./git-listing.js";
import { listManualFiles } from "./manual-listing.js";

/**
 * The file hashes of one run, from one scan of the repository (§1.5), shared by every package:
 * the default set (git-visible files) with their blob ids, and a memo of any other file a task's
 * `inputs` or `globalDependencies` reach.
 */
export class RepoIndex {
  /** Absolute turbo root. */
  readonly root: string;
  /** Absolute git work tree root (may be above `root`), or undefined without git. */
  readonly gitRoot: string | undefined;
  readonly #listing: FileListing;
  /** Path → blob id of the default set, built on first use (only `inputs` walks need it). */
  #lookup: Map<string, string> | undefined;
  readonly #extra = new Map<string, string>();
  readonly #byDir = new Map<string, [string, string][]>();

  private constructor(root: string, gitRoot: string | undefined, listing: FileListing) {
    this.root = root;
    this.gitRoot = gitRoot;
    this.#listing = listing;
  }

  /** Scans `root` once: git when it is inside a work tree, a .gitignore-aware walk otherwise. */
  static async create(root: string): Promise<RepoIndex> {
    const gitRoot = await findGitRoot(root);
    const listing =
      gitRoot === undefined ? await listManualFiles(root) : await listGitFiles(root, gitRoot);
    return new RepoIndex(root, gitRoot, listing);
  }

  /** Builds an index from a ready listing (tests and callers with their own scan). */
  static fromListing(root: string, gitRoot: string | undefined, listing: FileListing): RepoIndex {
    return new RepoIndex(root, gitRoot, listing);
  }

  /**
   * The default set as commit `rev` (e.g. `HEAD`) has it, for hashing the committed state: blob
   * ids from the commit's tree, symlinks as this index hashes them. Files a task's `inputs` globs
   * reach are still found on disk. Undefined without git (or when `rev` does not resolve).
   */
  async atCommit(rev: string): Promise<RepoIndex | undefined> {
    if (this.gitRoot === undefined) return undefined;
    try {
      const listing = await listCommitFiles(this.root, rev, (path) => this.defaultHash(path));
      return new RepoIndex(this.root, this.gitRoot, listing);
    } catch {
      return undefined;
    }
  }

  /** Number of files in the default set. */
  get size(): number {
    return this.#listing.paths.length;
  }

  /**
   * The default file map of the package in `dir` ("" = the root package, i.e. the whole repo):
   * package-relative keys in byte order, nested packages' files included. The returned array is
   * shared between callers; do not modify it.
   */
  packageFiles(dir: string): readonly (readonly [string, string])[] {
    let files = this.#byDir.get(dir);
    if (files === undefined) {
      files = this.#slice(dir);
      this.#byDir.set(dir, files);
    }
    return files;
  }

  #slice(dir: string): [string, string][] {
    const { paths, hashes } = this.#listing;
    if (dir === "") return paths.map((p, i) => [p, hashes[i] as string]);
    const prefix = `${dir}/`;
    const skip = prefix.length;
    const out: [string, string][] = [];
    for (let i = lowerBound(paths, prefix); i < paths.length; i++) {
      const path = paths[i] as string;
      if (!path.startsWith(prefix)) break;
      out.push([path.slice(skip), hashes[i] as string]);
    }
    return out;
  }

  /** The blob id of a default-set file (turbo-root-relative), if it is in the set. */
  defaultHash(path: string): string | undefined {
    return this.#defaults().get(path);
  }

  #defaults(): Map<string, string> {
    if (this.#lookup === undefined) {
      const { paths, hashes } = this.#listing;
      this.#lookup = new Map(paths.map((p, i) => [p, hashes[i] as string]));
    }
    return this.#lookup;
  }

  /**
   * Blob ids for files found by a filesystem walk: the default-set id when there is one, else the
   * working copy through `git hash-object` (or directly without git). Missing files are left out.
   */
  async hashFiles(paths: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const todo: string[] = [];
    for (const path of paths) {
      const known = this.#defaults().get(path) ?? this.#extra.get(path);
      if (known === undefined) todo.push(path);
      else out.set(path, known);
    }
    if (todo.length > 0) {
      const hashed =
        this.gitRoot === undefined
          ? await hashFilesDirectly(this.root, todo)
          : await hashWorkingCopies(this.root, this.gitRoot, todo);
      for (const [path, hash] of hashed) {
        this.#extra.set(path, hash);
        out.set(path, hash);
      }
    }
    return out;
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareUtf8(sorted[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
