import { turboEdges, turboErrorText, turboLs, useTempRepos } from "@turbine/test-utils";
import { runTurbo } from "@turbine/test-utils";
import { loadWorkspace, WorkspaceError } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

const create = useTempRepos();
const turbo = { tasks: { build: {} } };

/** Our package list as turbo ls prints it: name -> dir. */
async function ourPackages(root: string): Promise<Record<string, string>> {
  const ws = await loadWorkspace(root);
  return Object.fromEntries([...ws.packages.values()].map((p) => [p.name, p.dir]));
}

/** Our direct edges as turbo query prints them (the root "//" included). */
async function ourEdges(root: string): Promise<Record<string, string[]>> {
  const ws = await loadWorkspace(root);
  const out: Record<string, string[]> = {};
  for (const name of ["//", ...ws.packages.keys()])
    out[name] = [...ws.graph.dependencies(name)].sort();
  return out;
}

describe("workspace discovery", () => {
  it("finds the same packages as turbo ls, honouring exclusions and nested globs", async () => {
    const repo = await create({
      install: false,
      turbo,
      root: { workspaces: ["packages/*", "!packages/skip", "tools/**/deep"] },
      packages: [
        { name: "a" },
        { name: "skip", dir: "packages/skip" },
        { name: "deep", dir: "tools/x/y/deep" },
      ],
      files: {
        "packages/a/node_modules/dep/package.json": '{"name":"dep"}',
        "tools/node_modules/z/deep/package.json": '{"name":"in-node-modules"}',
        "packages/noname/package.json": '{"version":"1.0.0"}',
      },
    });
    const expected = await turboLs(repo.root);
    expect(await ourPackages(repo.root)).toEqual(expected.packages);
    expect(expected.packages).toHaveProperty("deep");
  });

  it("lists plain segment globs (packages/*, apps/*/*, a literal dir) exactly as turbo ls does", async () => {
    const repo = await create({
      install: false,
      turbo,
      root: { workspaces: ["packages/*", "apps/*/*", "libs/core/", "!packages/skip", "missing/*"] },
      packages: [
        { name: "a" },
        { name: "skip", dir: "packages/skip" },
        { name: "web", dir: "apps/front/web" },
        { name: "core", dir: "libs/core" },
        { name: "hidden", dir: "packages/.hidden" },
        { name: "linked-target", dir: "elsewhere/target" },
      ],
      files: {
        "packages/README.md": "not a package",
        "packages/empty/.gitkeep": "",
        "packages/node_modules/package.json": '{"name":"in-node-modules"}',
        "packages/a/node_modules/dep/package.json": '{"name":"dep"}',
        "apps/file.txt": "",
      },
    });
    await repo.symlink("../elsewhere/target", "packages/linked");
    const expected = await turboLs(repo.root);
    expect(await ourPackages(repo.root)).toEqual(expected.packages);
    expect(expected.packages).toHaveProperty("web");
    expect(expected.packages).not.toHaveProperty("skip");
  });

  it("reads pnpm-workspace.yaml for pnpm and reports pnpm 10 as pnpm9", async () => {
    const repo = await create({
      packageManager: "pnpm",
      install: false,
      turbo,
      packages: [{ name: "a" }, { name: "b", dir: "apps/b" }],
    });
    const expected = await turboLs(repo.root);
    const ws = await loadWorkspace(repo.root);
    expect(ws.packageManager.turboName).toBe(expected.packageManager);
    expect(ws.packageManager.name).toBe("pnpm");
    expect(await ourPackages(repo.root)).toEqual(expected.packages);
  });

  it("accepts yarn's { packages } form of workspaces", async () => {
    const repo = await create({
      packageManager: "yarn",
      install: false,
      turbo,
      root: { workspaces: { packages: ["libs/*"] } },
      packages: [{ name: "lib", dir: "libs/lib" }],
    });
    expect(await ourPackages(repo.root)).toEqual((await turboLs(repo.root)).packages);
  });

  it("falls back to single-package mode without workspaces", async () => {
    const repo = await create({ install: false, turbo, root: { workspaces: [] } });
    const ws = await loadWorkspace(repo.root);
    expect(ws.singlePackage).toBe(true);
    expect(ws.packages.size).toBe(0);
    expect(ws.externalClosure("//")).toBeUndefined();
    expect((await turboLs(repo.root)).packages).toEqual({});
  });

  it("forces single-package mode on request", async () => {
    const repo = await create({ install: false, turbo, packages: [{ name: "a" }] });
    const ws = await loadWorkspace(repo.root, { singlePackage: true });
    expect(ws.singlePackage).toBe(true);
    expect([...ws.packages.keys()]).toEqual([]);
  });

  it("rejects duplicate package names with turbo's message", async () => {
    const repo = await create({
      install: false,
      turbo,
      packages: [{ name: "a" }, { name: "a", dir: "packages/b" }],
    });
    const result = await runTurbo(repo.root, ["ls"]);
    const error = await loadWorkspace(repo.root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).code).toBe("ERR_WORKSPACE_DUPLICATE_PACKAGE");
    // turbo's HashMap order picks either file as "existing"; the wording is the same.
    const normalise = (s: string): string =>
      s.replace(/"packages\/[ab]\/package\.json"/g, '"<path>"');
    expect(normalise((error as Error).message)).toBe(normalise(turboErrorText(result.stderr)));
  });

  it("reports a missing lockfile as a problem, not an error, like turbo", async () => {
    const repo = await create({
      install: false,
      turbo,
      packages: [{ name: "a", dependencies: { x: "1" } }],
    });
    const ws = await loadWorkspace(repo.root);
    expect(ws.externalClosure("a")).toBeUndefined();
    expect((ws.lockfileProblem as WorkspaceError).code).toBe("ERR_LOCKFILE_MISSING");
  });
});

describe("internal dependency graph", () => {
  it("matches turbo's edges for satisfied, unsatisfied, workspace: and peer specs", async () => {
    const repo = await create({
      install: false,
      turbo,
      root: { devDependencies: { a: "*" } },
      packages: [
        {
          name: "a",
          version: "1.0.0",
          dependencies: { b: "^1.0.0" },
          devDependencies: { c: "^9.0.0" },
        },
        {
          name: "b",
          version: "1.2.0",
          optionalDependencies: { c: "workspace:*" },
          peerDependencies: { d: "*" },
        },
        { name: "c", version: "2.0.0", dependencies: { d: "workspace:../d" } },
        { name: "d", version: "0.1.0-beta.1", dependencies: { e: "latest" } },
        { name: "e", version: "3.0.0", dependencies: { a: "file:../a", b: "github:x/b" } },
      ],
    });
    const ours = await ourEdges(repo.root);
    expect(ours).toEqual(await turboEdges(repo.root));
    // The unsatisfied spec becomes an external seed.
    const ws = await loadWorkspace(repo.root);
    expect(ws.graph.externalDependencies("a")).toEqual({ c: "^9.0.0" });
    expect(ws.graph.transitiveDependencies("//")).toEqual(["a", "b", "c", "d", "e"]);
    expect(ws.graph.dependents("a")).toEqual(["//", "e"]);
  });

  it("links plain versions under pnpm 9 only with the workspace: protocol, like turbo", async () => {
    const repo = await create({
      packageManager: "pnpm",
      install: false,
      turbo,
      packages: [
        { name: "a", dependencies: { b: "1.0.0", c: "workspace:^" } },
        { name: "b" },
        { name: "c" },
      ],
    });
    expect(await ourEdges(repo.root)).toEqual(await turboEdges(repo.root));
    const ws = await loadWorkspace(repo.root);
    expect(ws.graph.dependencies("a")).toEqual(["c"]);
  });
});
