/** Pure parsers for the git plumbing output RepoIndex reads. */

/** The index as parallel arrays (no per-entry objects: a large repo has tens of thousands). */
export interface IndexListing {
  /** Paths in index (byte) order. */
  readonly paths: string[];
  readonly oids: string[];
  /** Positions of symlink entries (mode 120000). */
  readonly symlinks: number[];
}

/**
 * `git ls-files -s -z`: `<mode> <oid> <stage>\t<path>\0` records, in index (byte) order. The
 * output is decoded once and sliced (slices of one string are cheap; a decode per record is not).
 */
export function parseLsFiles(out: Buffer): IndexListing {
  const listing: IndexListing = { paths: [], oids: [], symlinks: [] };
  const text = out.toString("utf8");
  let start = 0;
  let previous = "";
  while (start < text.length) {
    let end = text.indexOf("\0", start);
    if (end === -1) end = text.length;
    const tab = text.indexOf("\t", start);
    if (tab !== -1 && tab < end) {
      const path = text.slice(tab + 1, end);
      // Unmerged paths appear once per stage; keep the first.
      if (path !== previous) {
        if (text.startsWith("120000", start)) listing.symlinks.push(listing.paths.length);
        listing.paths.push(path);
        listing.oids.push(text.slice(start + 7, start + 47));
      }
      previous = path;
    }
    start = end + 1;
  }
  return listing;
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
 * `git ls-files -t -z -m -d -o --exclude-standard`: `C <path>` for a modified entry, `R <path>`
 * for a removed one (a deleted file is listed under both tags), `? <path>` for an untracked one.
 */
export function parseTaggedChanges(out: Buffer): WorkingTreeChanges {
  const changes: WorkingTreeChanges = { modified: [], deleted: new Set(), untracked: [] };
  for (const record of splitNul(out)) {
    const path = record.slice(2);
    if (record.startsWith("R ")) changes.deleted.add(path);
    else if (record.startsWith("C ")) changes.modified.push(path);
    else if (record.startsWith("? ") && !path.endsWith("/")) changes.untracked.push(path);
  }
  return changes;
}

function splitNul(out: Buffer): string[] {
  const text = out.toString("utf8");
  if (text === "") return [];
  const records = text.split("\0");
  if (records[records.length - 1] === "") records.pop();
  return records;
}
