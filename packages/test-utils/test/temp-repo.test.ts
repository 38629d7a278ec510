import { existsSync, lstatSync, readlinkSync } from "node:fs";

import { createTempRepo, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

describe("temp repos", () => {
  const create = useTempRepos();

  it("writes an npm monorepo with a real lockfile and commits it", async () => {
    const repo = await create({
      packages: [
        { name: "a", dependencies: { b: "*" }, scripts: { build: "echo a" } },
        { name: "b", files: { "src/index.js": "export {};\n" } },
      ],
      turbo: { tasks: { build: { dependsOn: ["^build"] } } },
    });
    const lock = JSON.parse(await repo.read("package-lock.json")) as {
      lockfileVersion: number;
      packages: Record<string, unknown>;
    };
    expect(lock.lockfileVersion).toBe(3);
    expect(Object.keys(lock.packages)).toContain("node_modules/b");
    expect(await repo.git("status", "--porcelain")).toBe("");
    expect(await repo.git("ls-files")).toContain("packages/b/src/index.js");
  });

  it("writes a pnpm monorepo with pnpm-workspace.yaml and pnpm-lock.yaml", async () => {
    const repo = await create({
      packageManager: "pnpm",
      packages: [{ name: "a", dependencies: { b: "workspace:*" } }, { name: "b" }],
    });
    expect(await repo.read("pnpm-workspace.yaml")).toContain("packages/*");
    expect(await repo.read("pnpm-lock.yaml")).toContain("lockfileVersion: '9.0'");
    expect(JSON.parse(await repo.read("package.json"))).toMatchObject({
      packageManager: "pnpm@10.34.8",
    });
  });

  it("produces dirty, untracked, ignored and symlinked states", async () => {
    const repo = await create({
      packages: [{ name: "a", files: { "tracked.txt": "v1\n" } }],
      files: { ".gitignore": "dist/\n" },
    });
    await repo.write("packages/a/tracked.txt", "v2\n");
    await repo.write("packages/a/new.txt", "new\n");
    await repo.write("packages/a/dist/out.js", "out\n");
    await repo.symlink("tracked.txt", "packages/a/link.txt");
    const status = await repo.git("status", "--porcelain", "--untracked-files=all");
    expect(status).toContain(" M packages/a/tracked.txt");
    expect(status).toContain("?? packages/a/new.txt");
    expect(status).toContain("?? packages/a/link.txt");
    expect(status).not.toContain("dist/out.js");
    expect(lstatSync(repo.path("packages/a/link.txt")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(repo.path("packages/a/link.txt"))).toBe("tracked.txt");
  });

  it("removes the repo on cleanup", async () => {
    const repo = await createTempRepo({ install: false });
    expect(existsSync(repo.root)).toBe(true);
    await repo.cleanup();
    expect(existsSync(repo.root)).toBe(false);
  });
});
