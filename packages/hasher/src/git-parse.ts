/** Pure parsers for the git plumbing output RepoIndex reads. */

/** The index as parallel arrays (no per-entry objects: a large repo has tens of thousands). */
export interface IndexListing {
  /** Paths in index (byte) order. */
  readonly paths: string[];
  readonly oids: string[];
  /** Positions of symlink entries (mode 120000). */
  readonly symlinks: number[];
  /** Positions of submodule entries (mode 160000, a commit). */
  readonly gitlinks: number[];
}

export interface WorkingTreeChanges {
  /** Tracked paths whose working copy differs from the index. */
  readonly modified: string[];
  /** Tracked paths missing from the working tree. */
  readonly deleted: Set<string>;
  /** Untracked, not ignored files (nested repositories, listed as `dir/`, left out). */
  readonly untracked: string[];
}

/**
 * One scan for both: `git ls-files -s -t -z -m -d -o --exclude-standard`. Untracked files come as
 * `? <path>` (first, in their own order); every index entry as `<tag> <mode> <oid> <stage>\t<path>`
 * in index (byte) order, where `H` (or `S`, `M`, ...) lists the entry and a following `C` or `R`
 * record of the same entry marks it modified or removed (a deleted file gets both). One git
 * process instead of two: each spawn forks the whole Node process, a few ms a run.
 */
export function parseIndexAndChanges(out: Buffer): {
  index: IndexListing;
  changes: WorkingTreeChanges;
} {
  const index: IndexListing = { paths: [], oids: [], symlinks: [], gitlinks: [] };
  const changes: WorkingTreeChanges = { modified: [], deleted: new Set(), untracked: [] };
  const text = out.toString("utf8");
  let start = 0;
  let previous = "";
  while (start < text.length) {
    let end = text.indexOf("\0", start);
    if (end === -1) end = text.length;
    const tag = text.charCodeAt(start);
    if (tag === QUESTION) {
      const path = text.slice(start + 2, end);
      if (!path.endsWith("/")) changes.untracked.push(path);
    } else {
      const tab = text.indexOf("\t", start);
      if (tab !== -1 && tab < end) {
        const path = text.slice(tab + 1, end);
        if (tag === CHANGED) changes.modified.push(path);
        else if (tag === REMOVED) changes.deleted.add(path);
        else if (path !== previous) {
          // Unmerged paths appear once per stage; keep the first.
          if (text.startsWith("120000", start + 2)) index.symlinks.push(index.paths.length);
          else if (text.startsWith("160000", start + 2)) index.gitlinks.push(index.paths.length);
          index.paths.push(path);
          index.oids.push(text.slice(start + 9, start + 49));
          previous = path;
        }
      }
    }
    start = end + 1;
  }
  return { index, changes };
}

/** A commit's files from `git ls-tree -r -z <rev>`: `<mode> blob <oid>\t<path>` records. */
export function parseTree(out: Buffer): IndexListing {
  // A commit's submodules (`commit` records) are not listed: their files are not in this tree.
  const listing: IndexListing = { paths: [], oids: [], symlinks: [], gitlinks: [] };
  for (const record of out.toString("utf8").split("\0")) {
    const tab = record.indexOf("\t");
    // Anything but blobs is not a file.
    if (tab === -1 || record.slice(7, 11) !== "blob") continue;
    if (record.startsWith("120000")) listing.symlinks.push(listing.paths.length);
    listing.paths.push(record.slice(tab + 1));
    listing.oids.push(record.slice(12, tab));
  }
  return listing;
}

const QUESTION = "?".charCodeAt(0);
const CHANGED = "C".charCodeAt(0);
const REMOVED = "R".charCodeAt(0);
