import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";

import { execFileText } from "./process/exec-file.js";

/** The commit and branch a run records (`scm` in summaries, `sha` in cache metadata). */
export interface GitInfo {
  readonly sha: string;
  readonly branch: string;
}

const SHA = /^[0-9a-f]{40}$/;
const BRANCH_REF = /^ref: refs\/heads\/(.+)$/;

/**
 * HEAD's commit and branch name; undefined outside a git repository or before the first commit.
 * The common layouts (a `.git` directory, HEAD on a branch with a loose or packed ref, or
 * detached) are read from the files directly, which saves a process start on every run; anything
 * else (worktrees, reftables, `GIT_DIR`) asks `git rev-parse`. Never rejects, so callers may start it early and await it late.
 */
export async function gitInfo(repoRoot: string): Promise<GitInfo | undefined> {
  try {
    // GIT_DIR and friends relocate the repository; only git itself knows where then.
    const relocated = process.env["GIT_DIR"] !== undefined;
    return (relocated ? undefined : await readHead(repoRoot)) ?? (await revParse(repoRoot));
  } catch {
    return undefined;
  }
}

async function readHead(repoRoot: string): Promise<GitInfo | undefined> {
  const gitDir = await findGitDir(repoRoot);
  if (gitDir === undefined) return undefined;
  const head = (await readFile(join(gitDir, "HEAD"), "utf8")).trim();
  if (SHA.test(head)) return { sha: head, branch: "HEAD" };
  const branch = BRANCH_REF.exec(head)?.[1];
  if (branch === undefined) return undefined;
  const ref = `refs/heads/${branch}`;
  const sha =
    (await readOptional(join(gitDir, ref)))?.trim() ??
    packedRef(await readOptional(join(gitDir, "packed-refs")), ref);
  return sha !== undefined && SHA.test(sha) ? { sha, branch } : undefined;
}

/** The sha of `ref` in a packed-refs file (`<sha> <ref>` lines; `#` and `^` lines skipped). */
function packedRef(text: string | undefined, ref: string): string | undefined {
  if (text === undefined) return undefined;
  for (const line of text.split("\n")) {
    if (line.endsWith(` ${ref}`) && !line.startsWith("#") && !line.startsWith("^")) {
      return line.slice(0, line.length - ref.length - 1);
    }
  }
  return undefined;
}

function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch(() => undefined);
}

/** The nearest `.git` directory upwards (a `.git` file, as in worktrees, gives undefined). */
async function findGitDir(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(join(current, ".git")).catch(() => undefined);
    if (info !== undefined) return info.isDirectory() ? join(current, ".git") : undefined;
    if (dirname(current) === current) return undefined;
  }
}

async function revParse(repoRoot: string): Promise<GitInfo | undefined> {
  const stdout = await execFileText("git", ["rev-parse", "HEAD", "--abbrev-ref", "HEAD"], {
    cwd: repoRoot,
  });
  const [sha, branch] = stdout.split("\n");
  if (sha === undefined || branch === undefined) return undefined;
  return { sha: sha.trim(), branch: branch.trim() };
}
