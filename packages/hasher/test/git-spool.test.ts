import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { runGit } from "../src/git.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "hasher-spool-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const git = (...args: string[]): Buffer => execFileSync("git", args, { cwd: root });
const spools = async (): Promise<string[]> =>
  (await readdir(tmpdir())).filter((f) => f.startsWith(`turbine-git-${String(process.pid)}-`));

describe("runGit with a spooled stdout", () => {
  it("returns the same bytes as a pipe for a listing far larger than a pipe holds", async () => {
    git("init", "-q");
    const dir = join(root, "a-directory-with-a-rather-long-name", "and-another-level-below-it");
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < 1500; i++) await writeFile(join(dir, `file-${String(i)}.js`), `${i}\n`);
    git("add", ".");
    const args = ["ls-files", "-s", "-t", "-z", "-m", "-d", "-o", "--exclude-standard"];
    const spooled = await runGit(root, args, { spool: true });
    expect(spooled.length).toBeGreaterThan(128 * 1024);
    expect(spooled.equals(await runGit(root, args))).toBe(true);
    expect(spooled.equals(git(...args))).toBe(true);
    expect(await spools()).toEqual([]);
  });

  it("still reports a failing git, and leaves no file behind", async () => {
    await expect(runGit(root, ["ls-files", "-s"], { spool: true })).rejects.toMatchObject({
      code: "ERR_HASHER_GIT",
    });
    expect(await spools()).toEqual([]);
  });
});
