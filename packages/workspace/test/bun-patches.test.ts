import { useTempRepos } from "@turbine/test-utils";
import { loadWorkspace } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

const BUN_LOCK = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "test-monorepo" },
    "packages/a": { "name": "a", "version": "1.0.0", "dependencies": { "is-odd": "^3.0.1" } },
  },
  "patchedDependencies": { "is-odd@3.0.1": "patches/is-odd@3.0.1.patch" },
  "packages": {
    "a": ["a@workspace:packages/a"],
    "is-odd": ["is-odd@3.0.1", "", { "dependencies": { "is-number": "^6.0.0" } }, "sha512-y"],
    "is-number": ["is-number@6.0.0", "", {}, "sha512-z"],
  }
}
`;

describe("bun patchedDependencies", () => {
  const create = useTempRepos();

  it("changes the patched package's closure entry when the patch file changes", async () => {
    const repo = await create({
      install: false,
      root: { packageManager: "bun@1.4.5" },
      packages: [{ name: "a", dependencies: { "is-odd": "^3.0.1" } }],
      files: { "bun.lock": BUN_LOCK, "patches/is-odd@3.0.1.patch": "--- a\n+++ b\n" },
    });
    const versionOf = async (): Promise<string | undefined> => {
      const workspace = await loadWorkspace(repo.root);
      return workspace.externalClosure("a")?.find((p) => p.key === "is-odd@3.0.1")?.version;
    };
    const before = await versionOf();
    expect(before).toMatch(/^3\.0\.1\+patches\/is-odd@3\.0\.1\.patch#[0-9a-f]{64}$/);
    await repo.write("patches/is-odd@3.0.1.patch", "--- a\n+++ b\n@@ changed @@\n");
    const after = await versionOf();
    expect(after).toMatch(/^3\.0\.1\+patches\/is-odd@3\.0\.1\.patch#[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
  });
});
