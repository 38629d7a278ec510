import { type TaskDefinition, type TurboConfig } from "@turbine/workspace";
import { configChain, resolveTaskDefinition, taskPresence } from "@turbine/workspace/internal";
import { describe, expect, it } from "vitest";

import { configFromFiles } from "./task-graph-fixtures.js";

const PACKAGES = ["a", "b", "c"].map((name) => ({ name, dir: `packages/${name}` }));

async function load(root: unknown, packages: Record<string, unknown> = {}): Promise<TurboConfig> {
  const files: Record<string, string> = { "turbo.json": JSON.stringify(root) };
  for (const [name, config] of Object.entries(packages))
    files[`packages/${name}/turbo.json`] = JSON.stringify(config);
  const result = await configFromFiles(files, PACKAGES);
  if (!result.ok) throw result.error;
  return result.value;
}

function resolve(
  config: TurboConfig,
  pkg: string,
  task: string,
  hasCommand = true,
): TaskDefinition {
  const result = resolveTaskDefinition(config, {
    package: pkg,
    task,
    packageDir: pkg === "//" ? "" : `packages/${pkg}`,
    hasCommand,
  });
  if (!result.ok) throw result.error;
  return result.value;
}

const ROOT = {
  tasks: {
    build: {
      dependsOn: ["^build"],
      outputs: ["dist/**"],
      env: ["B", "A"],
      outputLogs: "hash-only",
      with: ["w"],
      tags: ["ci"],
    },
    lint: {},
  },
};

describe("Package Configurations", () => {
  it("inherits scalars and replaces arrays by default", async () => {
    const config = await load(ROOT, {
      a: { extends: ["//"], tasks: { build: { outputs: [".next/**"], cache: false } } },
    });
    const build = resolve(config, "a", "build");
    expect([
      build.outputs.inclusions,
      build.cache,
      build.outputLogs,
      build.env,
      build.dependsOn,
    ]).toEqual([[".next/**"], false, "hash-only", ["A", "B"], ["^build"]]);
  });

  it("appends to inherited arrays with $TURBO_EXTENDS$, in any position", async () => {
    const config = await load(ROOT, {
      a: {
        extends: ["//"],
        tasks: {
          build: {
            outputs: ["$TURBO_EXTENDS$", "out/**"],
            env: ["C", "$TURBO_EXTENDS$", "A"],
            dependsOn: ["$TURBO_EXTENDS$", "lint"],
            with: ["$TURBO_EXTENDS$", "x"],
            tags: ["$TURBO_EXTENDS$", "web"],
          },
        },
      },
    });
    const build = resolve(config, "a", "build");
    expect({
      outputs: build.outputs.inclusions,
      env: build.env,
      dependsOn: build.dependsOn,
      with: build.with,
      tags: build.tags,
    }).toEqual({
      outputs: ["dist/**", "out/**"],
      env: ["A", "B", "C"],
      dependsOn: ["^build", "lint"],
      with: ["w", "x"],
      tags: ["ci", "web"],
    });
  });

  it("drops an inherited task with extends:false and nothing else", async () => {
    const config = await load(ROOT, {
      a: { extends: ["//"], tasks: { lint: { extends: false } } },
    });
    expect(taskPresence(config, "a", "lint", "a#lint")).toBe("excluded");
    expect(taskPresence(config, "b", "lint", "b#lint")).toBe("found");
    expect(resolve(config, "a", "lint").resolvedTaskDefinition).toEqual(
      resolve(config, "b", "lint").resolvedTaskDefinition,
    );
  });

  it("starts a fresh definition with extends:false plus configuration", async () => {
    const config = await load(ROOT, {
      a: { extends: ["//"], tasks: { build: { extends: false, outputs: ["out/**"] } } },
    });
    const build = resolve(config, "a", "build");
    expect([
      build.outputs.inclusions,
      build.outputLogs,
      build.env,
      build.dependsOn,
      build.tags,
    ]).toEqual([["out/**"], "full", [], [], []]);
    expect(taskPresence(config, "a", "build", "a#build")).toBe("found");
  });

  it("lets a root pkg#task entry replace the generic task without inheritance", async () => {
    const config = await load({ tasks: { ...ROOT.tasks, "b#build": { env: ["ONLY_B"] } } });
    const build = resolve(config, "b", "build");
    expect([build.env, build.outputs.inclusions, build.dependsOn, build.outputLogs]).toEqual([
      ["ONLY_B"],
      [],
      [],
      "full",
    ]);
  });

  it("defines package-only tasks for that package alone", async () => {
    const config = await load(ROOT, {
      a: { extends: ["//"], tasks: { compile: { outputs: ["lib/**"] } } },
    });
    expect(taskPresence(config, "a", "compile", "a#compile")).toBe("found");
    expect(taskPresence(config, "b", "compile", "b#compile")).toBe("not-found");
  });

  it("walks extends in turbo's stack order: first extra package, root, later extras, the package", async () => {
    const config = await load(ROOT, {
      a: { extends: ["//", "b", "c"], tasks: {} },
      b: { extends: ["//"], tasks: {} },
      c: { extends: ["//"], tasks: {} },
    });
    const chain = configChain(config, "a");
    if (!chain.ok) throw chain.error;
    expect(chain.value.map((file) => file.path)).toEqual([
      "packages/b/turbo.json",
      "turbo.json",
      "packages/c/turbo.json",
      "packages/a/turbo.json",
    ]);
    const withoutConfig = configChain(config, "//");
    expect(withoutConfig.ok && withoutConfig.value.map((file) => file.path)).toEqual([
      "turbo.json",
    ]);
  });

  it("resolves $TURBO_ROOT$ outputs against the package directory", async () => {
    const config = await load({
      tasks: {
        build: {
          outputs: ["$TURBO_ROOT$/out/**", "!$TURBO_ROOT$/out/tmp/**"],
          inputs: ["$TURBO_ROOT$/tsconfig.json"],
        },
      },
    });
    const build = resolve(config, "a", "build");
    expect([build.outputs, build.inputs, build.resolvedTaskDefinition.inputs]).toEqual([
      { inclusions: ["../../out/**"], exclusions: ["../../out/tmp/**"] },
      ["$TURBO_ROOT$/tsconfig.json"],
      ["../../tsconfig.json"],
    ]);
    expect(resolve(config, "//", "build").outputs.inclusions).toEqual(["./out/**"]);
  });

  it("gives an empty task turbo's defaults in turbo's key order", async () => {
    const config = await load({ tasks: { build: {} } });
    // Golden: resolvedTaskDefinition printed by turbo 2.11.13 for `"build": {}`.
    expect(JSON.stringify(resolve(config, "a", "build").resolvedTaskDefinition)).toBe(
      '{"outputs":[],"cache":true,"dependsOn":[],"inputs":[],"outputLogs":"full","persistent":false,"interruptible":false,"env":[],"passThroughEnv":null,"interactive":false}',
    );
  });

  it("prepends global.inputs only for tasks with a command", async () => {
    const config = await load({
      futureFlags: { globalConfiguration: true },
      global: { inputs: ["tsconfig.json", "!x"] },
      tasks: { build: {} },
    });
    expect(resolve(config, "a", "build", true).inputs).toEqual([
      "$TURBO_ROOT$/tsconfig.json",
      "!$TURBO_ROOT$/x",
      "$TURBO_DEFAULT$",
    ]);
    expect(resolve(config, "a", "build", false).inputs).toEqual([]);
  });
});
