import { spawn } from "node:child_process";
import { closeSync, fstatSync, openSync, readSync, unlinkSync } from "node:fs";
import { access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

import { HasherError } from "./errors.js";

/**
 * Runs `git <args>` in `cwd` and returns stdout. The only place this package spawns git.
 * `input`, if any, is written to stdin (otherwise stdin is closed). Throws ERR_HASHER_GIT on a
 * non-zero exit.
 *
 * With `spool`, stdout goes to a temporary file (unlinked as soon as it is opened, so nothing is
 * left behind) instead of a pipe. A pipe holds 64 KiB: a listing of a large repo is megabytes,
 * so through a pipe git stalls whenever this thread is busy and has not drained it, and the scan
 * that was started early to run beside the workspace load finishes only once that load is done.
 * Into a file, git runs at its own pace. Falls back to a pipe where the file cannot be made (or
 * on Windows, where an open file cannot be unlinked), and runs once more through a pipe if git
 * failed writing into the file (a full temp dir), so the error reported is never the spool's.
 */
export async function runGit(
  cwd: string,
  args: readonly string[],
  options: { readonly input?: string; readonly spool?: boolean } = {},
): Promise<Buffer> {
  const { input } = options;
  const spool = options.spool === true && input === undefined ? openSpool() : undefined;
  if (spool === undefined) return runGitOnce(cwd, args, input, undefined);
  try {
    return await runGitOnce(cwd, args, input, spool);
  } catch (error) {
    if (
      error instanceof HasherError &&
      error.code === "ERR_HASHER_GIT" &&
      error.cause === undefined
    ) {
      return runGitOnce(cwd, args, input, undefined);
    }
    throw error;
  }
}

function runGitOnce(
  cwd: string,
  args: readonly string[],
  input: string | undefined,
  spool: number | undefined,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn("git", args, {
      cwd,
      stdio: [input === undefined ? "ignore" : "pipe", spool ?? "pipe", "pipe"],
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
        resolve(spool === undefined ? Buffer.concat(out) : readSpool(spool));
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
  }).finally(() => {
    if (spool !== undefined) closeSync(spool);
  });
}

/** An unlinked temporary file to take a child's stdout, or undefined to use a pipe. */
function openSpool(): number | undefined {
  if (process.platform === "win32") return undefined;
  const file = join(tmpdir(), `turbine-git-${String(process.pid)}-${randomSuffix()}.out`);
  let fd: number;
  try {
    fd = openSync(file, "wx+", 0o600);
  } catch {
    return undefined;
  }
  try {
    unlinkSync(file);
  } catch {
    closeSync(fd);
    return undefined;
  }
  return fd;
}

function readSpool(fd: number): Buffer {
  const size = fstatSync(fd).size;
  const buffer = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const n = readSync(fd, buffer, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return done === size ? buffer : buffer.subarray(0, done);
}

function randomSuffix(): string {
  return Math.floor(Math.random() * 0x1_0000_0000).toString(16);
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
