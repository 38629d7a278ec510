import { RunnerError } from "../errors.js";
import { execFileText } from "../process/exec-file.js";
import type { GitRange } from "./parse-filter.js";

/**
 * Repo-relative files changed in a git range. `[from]` compares `from` with the working tree and
 * adds untracked files (turbo counts uncommitted work); `[from...to]` diffs the two commits
 * (`git diff from...to`, i.e. since their merge base).
 */
export async function gitChangedFiles(repoRoot: string, range: GitRange): Promise<string[]> {
  const git = async (args: readonly string[]): Promise<string[]> => {
    try {
      const stdout = await execFileText("git", ["-c", "core.quotepath=off", ...args], {
        cwd: repoRoot,
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout.split("\n").filter((line) => line !== "");
    } catch (error) {
      throw new RunnerError("ERR_RUNNER_GIT", `git ${args.join(" ")} failed in ${repoRoot}`, {
        hint: `Check that '${range.from}' names a commit in this repository.`,
        cause: error,
      });
    }
  };
  if (range.to !== undefined) {
    return git(["diff", "--name-only", "--relative", `${range.from}...${range.to}`]);
  }
  const [changed, untracked] = await Promise.all([
    git(["diff", "--name-only", "--relative", range.from]),
    git(["ls-files", "--others", "--exclude-standard"]),
  ]);
  return [...new Set([...changed, ...untracked])];
}
