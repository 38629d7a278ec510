import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The commit and branch a run records (`scm` in summaries, `sha` in cache metadata). */
export interface GitInfo {
  readonly sha: string;
  readonly branch: string;
}

/** HEAD's commit and branch name; undefined outside a git repository or before the first commit. */
export async function gitInfo(repoRoot: string): Promise<GitInfo | undefined> {
  try {
    const [sha, branch] = await Promise.all([
      run("git", ["rev-parse", "HEAD"], { cwd: repoRoot }),
      run("git", ["rev-parse", "--abbrev-ref", "HEAD"], { cwd: repoRoot }),
    ]);
    return { sha: sha.stdout.trim(), branch: branch.stdout.trim() };
  } catch {
    return undefined;
  }
}
