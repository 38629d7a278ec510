import { stat } from "node:fs/promises";
import { join, relative } from "node:path";

import { hashFilesDirectly } from "./blob-hash.js";
import { compareUtf8, sortedEntries } from "./byte-order.js";
import { runGit } from "./git.js";
import { parseIndexAndChanges, parseTree } from "./git-parse.js";
import { resolveListedLinks, symlinksAmong } from "./link-listing.js";

/** Every file of the default (git-visible) set under the turbo root, with its blob id. */
export interface FileListing {
  /** Turbo-root-relative unix paths in UTF-8 byte order. */
  readonly paths: readonly string[];
  /** Blob ids aligned with `paths`. */
  readonly hashes: readonly string[];
}

/**
 * One scan of the turbo root (§1.5): the index oid for clean tracked files (ignored ones
 * included), working-copy hashes via `git hash-object` for modified and untracked files, symlinks
 * resolved as turbo does (see `resolveListedLinks`: links to files by content, links to
 * directories as links plus the files behind them), deleted files left out.
 */
export async function listGitFiles(root: string, gitRoot: string): Promise<FileListing> {
  // One scan, relative to (and limited to) the turbo root: the index with its blob ids, the
  // working-tree changes against it, and the untracked files.
  const out = await runGit(
    root,
    ["ls-files", "-s", "-t", "-z", "-m", "-d", "-o", "--exclude-standard"],
    { spool: true },
  );
  const { index, changes } = parseIndexAndChanges(out);
  const { modified, deleted } = changes;
  const submodules = new Set(index.gitlinks.map((i) => index.paths[i] as string));
  const untrackedLinks = await symlinksAmong(root, changes.untracked);
  const linkPaths = index.symlinks
    .map((i) => index.paths[i] as string)
    .filter((p) => !deleted.has(p))
    .concat([...untrackedLinks]);
  const links = await resolveListedLinks(root, linkPaths);
  const isLink = new Set(linkPaths);
  const untracked = changes.untracked.filter((p) => !untrackedLinks.has(p)).sort(compareUtf8);
  const toHash = new Set(
    modified.filter((p) => !deleted.has(p) && !isLink.has(p) && !submodules.has(p)),
  );
  for (const path of untracked) toHash.add(path);
  for (const path of [...links.byContent, ...links.expanded]) toHash.add(path);
  const hashed = await hashWorkingCopies(root, gitRoot, [...toHash]);

  const paths: string[] = [];
  const hashes: string[] = [];
  const add = (path: string, hash: string | undefined): void => {
    if (hash === undefined) return;
    paths.push(path);
    hashes.push(hash);
  };
  let u = 0;
  for (let i = 0; i < index.paths.length; i++) {
    const path = index.paths[i] as string;
    for (; u < untracked.length && compareUtf8(untracked[u] as string, path) < 0; u++) {
      add(untracked[u] as string, hashed.get(untracked[u] as string));
    }
    if (deleted.has(path) || isLink.has(path) || submodules.has(path)) continue;
    add(path, toHash.has(path) ? hashed.get(path) : index.oids[i]);
  }
  for (; u < untracked.length; u++) add(untracked[u] as string, hashed.get(untracked[u] as string));
  if (linkPaths.length === 0 && submodules.size === 0) return { paths, hashes };
  const extra = new Map(links.asLinks);
  for (const [path, hash] of await submoduleFiles(root, submodules)) extra.set(path, hash);
  for (const path of [...links.byContent, ...links.expanded]) {
    const hash = hashed.get(path);
    if (hash !== undefined) extra.set(path, hash);
  }
  return mergeListing({ paths, hashes }, extra);
}

/**
 * A checked-out submodule counts as its own files, listed the way its own repository lists them
 * (tracked, changed and untracked-but-not-ignored), as turbo does; the commit it points at does
 * not. A submodule that is not checked out adds nothing.
 */
async function submoduleFiles(
  root: string,
  submodules: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of submodules) {
    const dir = join(root, path);
    const checkedOut = await stat(join(dir, ".git")).then(
      () => true,
      () => false,
    );
    if (!checkedOut) continue;
    const listing = await listGitFiles(dir, dir);
    listing.paths.forEach((p, i) => out.set(`${path}/${p}`, listing.hashes[i] as string));
  }
  return out;
}

/** `listing` plus `extra` (paths not in it), still in byte order. */
function mergeListing(listing: FileListing, extra: ReadonlyMap<string, string>): FileListing {
  const more = sortedEntries(extra);
  const paths: string[] = [];
  const hashes: string[] = [];
  let j = 0;
  const takeExtra = (): void => {
    const [path, hash] = more[j++] as [string, string];
    paths.push(path);
    hashes.push(hash);
  };
  for (let i = 0; i < listing.paths.length; i++) {
    const path = listing.paths[i] as string;
    while (j < more.length && compareUtf8((more[j] as [string, string])[0], path) < 0) takeExtra();
    paths.push(path);
    hashes.push(listing.hashes[i] as string);
  }
  while (j < more.length) takeExtra();
  return { paths, hashes };
}

/**
 * The default file set as commit `rev` has it (paths under the turbo root, blob ids from the
 * tree). A symlink is hashed as its target's content, which a tree does not hold: it takes the
 * working copy's id from `working`, and is left out when there is none.
 */
export async function listCommitFiles(
  root: string,
  rev: string,
  working: (path: string) => string | undefined,
): Promise<FileListing> {
  const tree = parseTree(await runGit(root, ["ls-tree", "-r", "-z", rev], { spool: true }));
  const symlinks = new Set(tree.symlinks);
  const entries: [string, string][] = [];
  tree.paths.forEach((path, i) => {
    const hash = symlinks.has(i) ? working(path) : tree.oids[i];
    if (hash !== undefined) entries.push([path, hash]);
  });
  entries.sort((a, b) => compareUtf8(a[0], b[0]));
  return { paths: entries.map((e) => e[0]), hashes: entries.map((e) => e[1]) };
}

/**
 * Hashes working-tree files the way `git hash-object` does (clean filters and `.gitattributes`
 * EOL rules applied), following symlinks. Paths that are not (links to) regular files are left
 * out of the result.
 */
export async function hashWorkingCopies(
  root: string,
  gitRoot: string,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const files = await regularFiles(root, paths);
  const viaGit = files.filter((p) => !p.includes("\n"));
  const out = new Map<string, string>();
  if (viaGit.length > 0) {
    // --stdin-paths reads paths relative to the work tree root, whatever the cwd.
    const prefix = gitPrefix(root, gitRoot);
    const input = viaGit.map((p) => (prefix === "" ? p : `${prefix}/${p}`)).join("\n");
    const stdout = await runGit(gitRoot, ["hash-object", "--stdin-paths"], { input: `${input}\n` });
    const oids = stdout.toString("latin1").split("\n");
    viaGit.forEach((path, i) => out.set(path, oids[i] as string));
  }
  const odd = files.filter((p) => p.includes("\n"));
  for (const [path, hash] of await hashFilesDirectly(root, odd)) out.set(path, hash);
  return out;
}

async function regularFiles(root: string, paths: readonly string[]): Promise<string[]> {
  const keep = await Promise.all(
    paths.map(async (path) => {
      try {
        return (await stat(join(root, path))).isFile();
      } catch {
        return false;
      }
    }),
  );
  return paths.filter((_, i) => keep[i] === true);
}

/** The turbo root relative to the git root, unix separators ("" when they coincide). */
function gitPrefix(root: string, gitRoot: string): string {
  return relative(gitRoot, root).split("\\").join("/");
}
