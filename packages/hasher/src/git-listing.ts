import { stat } from "node:fs/promises";
import { join, relative } from "node:path";

import { hashFilesDirectly } from "./blob-hash.js";
import { compareUtf8 } from "./byte-order.js";
import { runGit } from "./git.js";
import { parseIndexAndChanges, parseTree } from "./git-parse.js";

/** Every file of the default (git-visible) set under the turbo root, with its blob id. */
export interface FileListing {
  /** Turbo-root-relative unix paths in UTF-8 byte order. */
  readonly paths: readonly string[];
  /** Blob ids aligned with `paths`. */
  readonly hashes: readonly string[];
}

/**
 * One git scan of the turbo root (§1.5): the index oid for clean tracked files (ignored ones
 * included), working-copy hashes via `git hash-object` for modified and untracked files and for
 * symlinks (hashed as their target's content), deleted files left out.
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
  const { modified, deleted, untracked } = changes;
  untracked.sort(compareUtf8);
  const toHash = new Set(modified.filter((p) => !deleted.has(p)));
  for (const i of index.symlinks) toHash.add(index.paths[i] as string);
  for (const path of untracked) toHash.add(path);
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
    if (deleted.has(path)) continue;
    add(path, toHash.has(path) ? hashed.get(path) : index.oids[i]);
  }
  for (; u < untracked.length; u++) add(untracked[u] as string, hashed.get(untracked[u] as string));
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
