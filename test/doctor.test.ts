import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { type RepoSpec, turbineRoot, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it, onTestFinished } from "vitest";

import { runTurbine } from "./support/turbine.js";

const create = useTempRepos();

const spec: RepoSpec = {
  packages: [
    { name: "a", scripts: { build: "echo a", lint: "echo l" }, dependencies: { b: "*" } },
    { name: "b", scripts: { build: "echo b" }, files: { "b.txt": "b\n" } },
  ],
  root: { scripts: { format: "echo f" } },
  turbo: {
    tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] }, lint: {}, "//#format": {} },
  },
};

/** The repo's own turbo install: node_modules/.bin/turbo, the real turbo package's bin. */
async function installTurbo(root: string): Promise<void> {
  await mkdir(join(root, "node_modules", ".bin"), { recursive: true });
  const bin = join(turbineRoot(), "node_modules", "turbo", "bin", "turbo");
  await symlink(bin, join(root, "node_modules", ".bin", "turbo"));
}

/** A PATH without turbo on it: node (turbo's bin is a Node script), git and the shell. */
const NO_TURBO = {
  PATH: [dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
};

describe("turbine doctor", () => {
  it("compares every configured task with the repo's turbo and finds them equal", async () => {
    const repo = await create(spec);
    await installTurbo(repo.root);
    const result = await runTurbine(repo.root, ["doctor"], NO_TURBO);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("comparing task hashes with turbo 2.11.13");
    expect(result.stdout).toContain("tasks: build, format, lint");
    expect(result.stdout).toMatch(/same {7}a#build +[0-9a-f]{16}/);
    expect(result.stdout).toMatch(/same {7}\/\/#format +[0-9a-f]{16}/);
    expect(result.stdout).toContain("All 5 tasks hash like turbo");
  });

  it("names the hash input that differs and the files behind it", async () => {
    // A link to a directory outside the repo that leads back into it: turbo walks it and finds
    // b's files, Turbine does not leave the repo (a documented difference).
    const outside = await mkdtemp(join(tmpdir(), "turbine-doctor-"));
    onTestFinished(() => rm(outside, { recursive: true, force: true }));
    const repo = await create(spec);
    await symlink(join(repo.root, "packages", "b"), join(outside, "back"));
    await repo.symlink(outside, "packages/a/ext");
    await repo.commit("outside link");
    await installTurbo(repo.root);
    const result = await runTurbine(repo.root, ["doctor", "build"], NO_TURBO);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /DIFFERENT {2}a#build {2}turbo [0-9a-f]{16}, turbine [0-9a-f]{16}: files \(ext\/back\/b\.txt, ext\/back\/package\.json\)/,
    );
    expect(result.stdout).toMatch(/same {7}b#build/);
    expect(result.stdout).toContain("1 of 2 tasks hash like turbo");
  });

  it("says there is no turbo to compare with and exits 0", async () => {
    const repo = await create(spec);
    const result = await runTurbine(repo.root, ["doctor"], NO_TURBO);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("turbo is not installed in this repository");
  });
});
