import { dryRun } from "@turbine/runner";
import { useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

const create = useTempRepos();

/** The `scm` block of a dry run, next to what `git rev-parse` says about HEAD. */
async function scmOf(
  repo: Awaited<ReturnType<typeof create>>,
): Promise<{ ours: unknown; git: unknown }> {
  const dry = await dryRun({ cwd: repo.root, tasks: ["build"], env: { PATH: process.env.PATH } });
  const [sha, branch] = (await repo.git("rev-parse", "HEAD", "--abbrev-ref", "HEAD"))
    .trim()
    .split("\n");
  return { ours: dry.record["scm"], git: { type: "git", sha, branch } };
}

describe("the scm block (HEAD's commit and branch)", () => {
  const spec = {
    install: false,
    turbo: { tasks: { build: {} } },
    packages: [{ name: "a", scripts: { build: "echo a" } }],
  };

  it("matches git on a branch with a loose ref", async () => {
    const repo = await create(spec);
    const { ours, git } = await scmOf(repo);
    expect(ours).toEqual(git);
  });

  it("matches git once refs are packed", async () => {
    const repo = await create(spec);
    await repo.git("pack-refs", "--all");
    const { ours, git } = await scmOf(repo);
    expect(ours).toEqual(git);
  });

  it("matches git on a detached HEAD", async () => {
    const repo = await create(spec);
    await repo.git("checkout", "--detach", "HEAD");
    const { ours, git } = await scmOf(repo);
    expect(ours).toEqual(git);
    expect(ours).toMatchObject({ branch: "HEAD" });
  });

  it("is null before the first commit", async () => {
    const repo = await create({ ...spec, commit: false });
    const dry = await dryRun({ cwd: repo.root, tasks: ["build"], env: { PATH: process.env.PATH } });
    expect(dry.record["scm"]).toBeNull();
  });
});
