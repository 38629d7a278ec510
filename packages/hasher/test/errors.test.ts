import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { RepoIndex } from "@turbine/hasher";
import { hashRun, type HashRunTask, type HashRunWorkspace } from "@turbine/hasher/internal";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "hasher-errors-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function workspace(): HashRunWorkspace {
  const pkg = { name: "a", dir: "packages/a", packageJson: {} };
  return {
    root,
    packageManager: { name: "npm", lockfileName: "package-lock.json" },
    singlePackage: false,
    rootPackage: { name: "//", dir: "", packageJson: {} },
    packages: new Map([["a", pkg]]),
    graph: { transitiveDependencies: () => [], externalDependencies: () => ({}) },
    externalClosure: () => [],
  };
}

const task = (id: string, dependencies: string[], pkg = "a"): HashRunTask => ({
  id,
  package: pkg,
  task: id.split("#")[1] ?? id,
  dependencies,
  env: [],
  passThroughEnv: null,
  inputs: [],
  outputs: [],
});

describe("hashRun errors", () => {
  const run = (tasks: HashRunTask[]) =>
    hashRun({
      workspace: workspace(),
      tasks,
      env: {},
      index: RepoIndex.fromListing(root, undefined, { paths: [], hashes: [] }),
    });

  it("rejects a task graph with a cycle", async () => {
    await expect(run([task("a#x", ["a#y"]), task("a#y", ["a#x"])])).rejects.toMatchObject({
      code: "ERR_HASHER_TASK_CYCLE",
    });
  });

  it("rejects a dependency that is not in the task list", async () => {
    await expect(run([task("a#x", ["a#missing"])])).rejects.toMatchObject({
      code: "ERR_HASHER_MISSING_DEPENDENCY_HASH",
    });
  });

  it("rejects a task of an unknown package", async () => {
    await expect(run([task("zz#x", [], "zz")])).rejects.toMatchObject({
      code: "ERR_HASHER_UNKNOWN_PACKAGE",
    });
  });

  it("hashes dependencies before dependents whatever the input order", async () => {
    const result = await run([task("a#z", ["a#y"]), task("a#y", ["a#x"]), task("a#x", [])]);
    const z = result.tasks.get("a#z")?.explanation;
    expect(z?.dependencies).toEqual([{ taskId: "a#y", hash: result.tasks.get("a#y")?.hash }]);
  });
});

describe("git failures", () => {
  it("reports a broken work tree with ERR_HASHER_GIT", async () => {
    await mkdir(join(root, ".git"));
    await writeFile(join(root, ".git", "HEAD"), "ref: refs/heads/main\n");
    await mkdir(join(root, ".git", "objects"));
    await mkdir(join(root, ".git", "refs"));
    await writeFile(join(root, ".git", "index"), "garbage");
    await expect(RepoIndex.create(root)).rejects.toMatchObject({ code: "ERR_HASHER_GIT" });
  });
});
