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

  it("writes a berry monorepo whose yarn.lock yarn 4 resolved from the npm registry", async () => {
    const repo = await create({
      packageManager: "berry",
      packages: [
        { name: "a", dependencies: { b: "workspace:*", "is-number": "^7.0.0" } },
        { name: "b" },
      ],
    });
    expect(JSON.parse(await repo.read("package.json"))).toMatchObject({
      packageManager: "yarn@4.18.1",
      workspaces: ["packages/*"],
    });
    const lock = await repo.read("yarn.lock");
    expect(lock).toContain("__metadata:");
    expect(lock).toContain('resolution: "is-number@npm:7.0.0"');
    expect(lock).toContain('"b@workspace:*, b@workspace:packages/b":');
    // Nothing but the lockfile: no install state, cache, .pnp.cjs or node_modules in the repo.
    expect(await repo.git("status", "--porcelain", "--ignored")).toBe("");
    expect(existsSync(repo.path(".yarn"))).toBe(false);
    expect(existsSync(repo.path(".pnp.cjs"))).toBe(false);
  });

  it("writes a bun monorepo with a text bun.lock and no node_modules", async () => {
    const repo = await create({
      packageManager: "bun",
      packages: [
        { name: "a", dependencies: { b: "workspace:*", "is-number": "^7.0.0" } },
        { name: "b" },
      ],
    });
    expect(JSON.parse(await repo.read("package.json"))).toMatchObject({
      packageManager: "bun@1.4.5",
      workspaces: ["packages/*"],
    });
    const lock = await repo.read("bun.lock");
    expect(lock).toContain('"lockfileVersion"');
    expect(lock).toMatch(/"is-number": \["is-number@7\.\d+\.\d+"/);
    expect(lock).toContain('"b": ["b@workspace:packages/b"]');
    expect(await repo.git("status", "--porcelain", "--ignored")).toBe("");
    expect(existsSync(repo.path("bun.lockb"))).toBe(false);
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
