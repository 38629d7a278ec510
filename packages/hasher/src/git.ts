import { spawn } from "node:child_process";
import { access } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

import { HasherError } from "./errors.js";

/**
 * Runs `git <args>` in `cwd` and returns stdout. The only place this package spawns git.
 * `input`, if any, is written to stdin (otherwise stdin is closed). Throws ERR_HASHER_GIT on a non-zero exit.
 */
export function runGit(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (cause) => {
      reject(
        new HasherError("ERR_HASHER_GIT", `could not run git ${args[0] ?? ""} in ${cwd}`, {
          hint: "Install git, or run outside a git repository to hash files without it.",
          cause,
        }),
      );
    });
    child.on("close", (code) => {
      if (code === 0) {
        resolve(Buffer.concat(out));
        return;
      }
      const stderr = Buffer.concat(err).toString("utf8").trim();
      reject(
        new HasherError(
          "ERR_HASHER_GIT",
          `git ${args.join(" ")} failed in ${cwd} (exit ${code ?? "signal"}): ${stderr}`,
          { hint: "Check that the directory is a healthy git work tree (`git status` works)." },
        ),
      );
    });
    if (input !== undefined) {
      child.stdin?.on("error", () => undefined);
      child.stdin?.end(input);
    }
  });
}

/**
 * The git work tree root containing `dir` (what `git rev-parse --show-cdup` finds): the nearest
 * ancestor holding a `.git` directory or file (worktrees, submodules), or undefined outside git.
 * Found without spawning git, which costs more than the lookup.
 */
export async function findGitRoot(dir: string): Promise<string | undefined> {
  let current = resolve(dir);
  for (;;) {
    try {
      await access(join(current, ".git"));
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
}
