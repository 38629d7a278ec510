import {
  buildTaskGraph,
  type TurboConfig,
  type Workspace,
  type WorkspacePackage,
} from "@turbine/workspace";
import { describe, expect, it } from "vitest";

import { configFromFiles } from "./task-graph-fixtures.js";

/** A Workspace built by hand: packages with scripts and internal dependencies. */
function workspace(
  deps: Record<string, string[]>,
  scripts: Record<string, Record<string, string>> = {},
): Workspace {
  const pkg = (name: string, dir: string): WorkspacePackage => ({
    name,
    dir,
    packageJson: { name, scripts: scripts[name] ?? {} },
  });
  const packages = new Map(Object.keys(deps).map((name) => [name, pkg(name, `packages/${name}`)]));
  const dependents = (name: string): string[] =>
    Object.keys(deps)
      .filter((other) => deps[other]?.includes(name))
      .sort();
  return {
    root: "/repo",
    packageManager: {
      name: "npm",
      version: "10.9.2",
      command: "npm",
      lockfileName: "package-lock.json",
    },
    singlePackage: false,
    rootPackage: pkg("//", ""),
    packages,
    graph: {
      dependencies: (name) => [...(deps[name] ?? [])].sort(),
      dependents,
      transitiveDependencies: () => [],
      transitiveDependents: () => [],
      externalDependencies: () => ({}),
    },
    externalClosure: () => [],
  };
}

async function config(turbo: unknown): Promise<TurboConfig> {
  const result = await configFromFiles({ "turbo.json": JSON.stringify(turbo) });
  if (!result.ok) throw result.error;
  return result.value;
}

describe("buildTaskGraph", () => {
  it("orders every task after its dependencies, ties in byte order", async () => {
    const ws = workspace(
      { app: ["ui", "utils"], ui: ["utils"], utils: [], docs: [] },
      { app: { build: "x" } },
    );
    const result = buildTaskGraph({
      workspace: ws,
      config: await config({ tasks: { build: { dependsOn: ["^build", "codegen"] }, codegen: {} } }),
      tasks: ["build"],
    });
    if (!result.ok) throw result.error;
    const { order, nodes } = result.value;
    expect(order).toEqual([
      "app#codegen",
      "docs#codegen",
      "docs#build",
      "ui#codegen",
      "utils#codegen",
      "utils#build",
      "ui#build",
      "app#build",
    ]);
    for (const [index, id] of order.entries()) {
      for (const dependency of nodes.get(id)?.dependencies ?? [])
        expect(order.indexOf(dependency)).toBeLessThan(index);
    }
    expect(nodes.get("utils#build")?.dependents).toEqual(["app#build", "ui#build"]);
    expect([nodes.get("app#build")?.command, nodes.get("ui#build")?.command]).toEqual([
      "x",
      undefined,
    ]);
  });

  it("names every member of a three-task cycle and each edge that breaks it", async () => {
    const ws = workspace({ a: [] });
    const result = buildTaskGraph({
      workspace: ws,
      config: await config({
        tasks: { x: { dependsOn: ["y"] }, y: { dependsOn: ["z"] }, z: { dependsOn: ["x"] } },
      }),
      tasks: ["x"],
    });
    expect(result.ok ? undefined : result.error.message).toBe(
      "Cyclic dependency detected:\n\ta#z, a#y, a#x\n\nThe cycle can be broken by removing any of these sets of dependencies:\n\ta#x -> a#y\n\ta#y -> a#z\n\ta#z -> a#x",
    );
  });

  it("keeps only the selected packages as entry points", async () => {
    const ws = workspace({ a: ["b"], b: [], c: [] });
    const result = buildTaskGraph({
      workspace: ws,
      config: await config({ tasks: { build: { dependsOn: ["^build"] } } }),
      tasks: ["build"],
      packages: ["a"],
    });
    expect(result.ok && [...result.value.nodes.keys()]).toEqual(["a#build", "b#build"]);
  });
});
