/** Pure parsers for the git plumbing output RepoIndex reads. */

/** The index as parallel arrays (no per-entry objects: a large repo has tens of thousands). */
export interface IndexListing {
  /** Paths in index (byte) order. */
  readonly paths: string[];
  readonly oids: string[];
  /** Positions of symlink entries (mode 120000). */
  readonly symlinks: number[];
}

const TAB = 9;
const SYMLINK_MODE = Buffer.from("120000");

/** `git ls-files -s -z`: `<mode> <oid> <stage>\t<path>\0` records, in index (byte) order. */
export function parseLsFiles(out: Buffer): IndexListing {
  const listing: IndexListing = { paths: [], oids: [], symlinks: [] };
  let start = 0;
  let previous = "";
  while (start < out.length) {
    let end = out.indexOf(0, start);
    if (end === -1) end = out.length;
    const tab = out.indexOf(TAB, start);
    if (tab !== -1 && tab < end) {
      const path = out.toString("utf8", tab + 1, end);
      // Unmerged paths appear once per stage; keep the first.
      if (path !== previous) {
        if (out.compare(SYMLINK_MODE, 0, 6, start, start + 6) === 0) {
          listing.symlinks.push(listing.paths.length);
        }
        listing.paths.push(path);
        listing.oids.push(out.toString("latin1", start + 7, start + 47));
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
}

/**
 * `git ls-files -t -z -m -d`: `C <path>` for a modified entry, `R <path>` for a removed one (a
 * deleted file is listed under both tags).
 */
export function parseTaggedChanges(out: Buffer): WorkingTreeChanges {
  const changes: WorkingTreeChanges = { modified: [], deleted: new Set() };
  for (const record of splitNul(out)) {
    const path = record.slice(2);
    if (record.startsWith("R ")) changes.deleted.add(path);
    else if (record.startsWith("C ")) changes.modified.push(path);
  }
  return changes;
}

/** `git ls-files -z -o --exclude-standard`: untracked, not ignored files (nested repos skipped). */
export function parseUntracked(out: Buffer): string[] {
  return splitNul(out).filter((path) => !path.endsWith("/"));
}

function splitNul(out: Buffer): string[] {
  const text = out.toString("utf8");
  if (text === "") return [];
  const records = text.split("\0");
  if (records[records.length - 1] === "") records.pop();
  return records;
}
