import { turboDryJson, useTempRepos } from "@turbine/test-utils";
import { dryRunCommand } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

import { type GraphRepo, graphRepoSpec, turbineGraph } from "./task-graph-fixtures.js";

const create = useTempRepos();

/** a -> b -> c (c has no build script), web standalone. */
const chain = (extra: Partial<GraphRepo> = {}): GraphRepo => ({
  turbo: { tasks: { build: { dependsOn: ["^build"] } } },
  packages: [
    {
      name: "a",
      dependencies: { b: "*" },
      scripts: { build: "echo a", test: "echo at", dev: "echo dev" },
    },
    { name: "b", dependencies: { c: "*" }, scripts: { build: "echo b", lint: "echo bl" } },
    { name: "c", scripts: { test: "echo ct", lint: "echo cl" } },
    { name: "web", scripts: { build: "echo web", dev: "echo webdev" } },
  ],
  rootScripts: { lint: "echo root-lint", format: "echo fmt" },
  ...extra,
});

interface Case {
  readonly name: string;
  readonly repo: GraphRepo;
  readonly tasks: readonly string[];
  /** turbo `--filter` values and the package set Turbine is given for them. */
  readonly filter?: { readonly turbo: readonly string[]; readonly packages: readonly string[] };
  readonly only?: boolean;
}

const cases: Case[] = [
  {
    name: "^build through direct dependencies, with a no-op for a missing script",
    repo: chain(),
    tasks: ["build"],
  },
  {
    name: "same-package and pkg#task dependencies",
    repo: chain({
      turbo: {
        tasks: {
          build: { dependsOn: ["^build", "lint"] },
          lint: {},
          test: { dependsOn: ["build", "web#build"] },
        },
      },
    }),
    tasks: ["test"],
  },
  {
    name: "root tasks registered as //#task, requested and depended on",
    repo: chain({
      turbo: {
        tasks: {
          build: { dependsOn: ["//#lint"] },
          "//#lint": {},
          "//#format": { dependsOn: ["//#lint"] },
        },
      },
    }),
    tasks: ["build", "//#format"],
  },
  {
    name: "a root pkg#task entry replaces the generic definition",
    repo: chain({
      turbo: {
        tasks: {
          build: { dependsOn: ["^build"], outputs: ["dist/**"], cache: false },
          "b#build": { env: ["B_ONLY"] },
        },
      },
    }),
    tasks: ["build"],
  },
  {
    name: "resolvedTaskDefinition sorting, $TURBO_ROOT$ and exclusions",
    repo: chain({
      turbo: {
        tasks: {
          build: {
            dependsOn: ["z", "^build", "c#lint", "lint"],
            outputs: ["z/**", "dist/**", "!dist/x", "$TURBO_ROOT$/out/**", "!$TURBO_ROOT$/no"],
            inputs: ["src/**", "$TURBO_DEFAULT$", "!x", "$TURBO_ROOT$/tsconfig.json"],
            env: ["ZED", "ALPHA", "!NOPE", "ZED"],
            passThroughEnv: ["ZP", "AP"],
            outputLogs: "new-only",
            tags: ["t"],
          },
          lint: { outputs: [] },
          z: { cache: false, persistent: true, interruptible: true },
        },
      },
    }),
    tasks: ["build"],
  },
  {
    name: "Package Configurations: replace, $TURBO_EXTENDS$, extends:false opt-out and fresh definitions",
    repo: chain({
      turbo: {
        tasks: {
          build: {
            dependsOn: ["^build", "lint"],
            outputs: ["dist/**"],
            env: ["B", "A"],
            outputLogs: "hash-only",
            inputs: ["src/**"],
          },
          lint: { outputs: ["l/**"] },
          test: {},
        },
      },
      packageTurbo: {
        a: {
          extends: ["//"],
          tasks: {
            build: {
              outputs: ["$TURBO_EXTENDS$", "out/**"],
              env: ["C", "$TURBO_EXTENDS$", "A"],
              inputs: ["x"],
              cache: false,
              dependsOn: ["$TURBO_EXTENDS$", "test"],
            },
            lint: { extends: false },
            test: { extends: false, outputs: ["t/**"] },
          },
        },
        b: { extends: ["//"], tasks: { lint: { extends: false } } },
      },
    }),
    tasks: ["build", "lint", "test"],
  },
  {
    name: "extends from other packages merges in turbo's stack order",
    repo: chain({
      turbo: { tasks: { build: { outputs: ["root/**"], env: ["R"], outputLogs: "hash-only" } } },
      packageTurbo: {
        a: { extends: ["//", "b", "c"], tasks: { build: { env: ["$TURBO_EXTENDS$", "A"] } } },
        b: {
          extends: ["//"],
          tasks: {
            build: { outputs: ["b/**"], env: ["$TURBO_EXTENDS$", "B"], outputLogs: "new-only" },
          },
        },
        c: {
          extends: ["//"],
          tasks: {
            build: {
              outputs: ["$TURBO_EXTENDS$", "c/**"],
              env: ["$TURBO_EXTENDS$", "C"],
              outputLogs: "errors-only",
            },
          },
        },
        web: { extends: ["//", "c", "b"], tasks: {} },
      },
    }),
    tasks: ["build"],
  },
  {
    name: "a task defined only in one package's configuration",
    repo: chain({
      turbo: {
        tasks: { build: { dependsOn: ["^build", "codegen"] }, codegen: { outputs: ["gen/**"] } },
      },
      packageTurbo: {
        a: {
          extends: ["//"],
          tasks: {
            compile: { outputs: ["lib/**"] },
            build: {
              dependsOn: ["$TURBO_EXTENDS$", "compile"],
              inputs: ["$TURBO_DEFAULT$", { mode: "jit", globs: ["gen/**"] }],
            },
          },
        },
      },
    }),
    tasks: ["build", "compile"],
  },
  {
    name: "--only drops dependency edges",
    repo: chain({
      turbo: {
        tasks: { build: { dependsOn: ["^build", "lint", "//#lint"] }, lint: {}, "//#lint": {} },
      },
    }),
    tasks: ["build"],
    only: true,
  },
  {
    name: "--only with a filter keeps requested tasks of selected packages only",
    repo: chain({ turbo: { tasks: { build: { dependsOn: ["^build", "lint"] }, lint: {} } } }),
    tasks: ["build", "lint"],
    filter: { turbo: ["a"], packages: ["a"] },
    only: true,
  },
  {
    name: "a filter still follows dependencies outside the selection",
    repo: chain({ turbo: { tasks: { build: { dependsOn: ["^build", "lint"] }, lint: {} } } }),
    tasks: ["build"],
    filter: { turbo: ["a"], packages: ["a"] },
  },
  {
    name: "with siblings join the graph without edges",
    repo: chain({
      turbo: {
        tasks: {
          dev: { with: ["b#lint", "test"], persistent: true, cache: false },
          lint: { dependsOn: ["^lint"] },
          test: {},
        },
      },
    }),
    tasks: ["dev"],
  },
  {
    name: "a persistent no-op may be depended on",
    repo: chain({
      turbo: { tasks: { build: { dependsOn: ["^dev"] }, dev: { persistent: true, cache: false } } },
    }),
    tasks: ["build"],
  },
  {
    name: "global.inputs are prepended for tasks that have a script",
    repo: chain({
      turbo: {
        futureFlags: { globalConfiguration: true },
        global: { inputs: ["tsconfig.json", "!foo"] },
        tasks: { build: { inputs: ["src/**"] }, lint: {} },
      },
    }),
    tasks: ["build", "lint"],
  },
];

describe("task graph parity with turbo run --dry=json", () => {
  it.each(cases)("$name", async ({ repo, tasks, filter, only }) => {
    const temp = await create(graphRepoSpec(repo));
    const args = [
      "run",
      ...tasks,
      ...(filter?.turbo ?? []).map((f) => `--filter=${f}`),
      ...(only === true ? ["--only"] : []),
    ];
    const dry = await turboDryJson(temp.root, args);
    const ours = await turbineGraph(temp.root, tasks, {
      ...(filter ? { packages: filter.packages } : {}),
      only: only ?? false,
    });
    if (!ours.ok) throw ours.error;
    const graph = ours.value;
    expect([...graph.nodes.keys()]).toEqual(dry.tasks.map((task) => task.taskId).sort());
    for (const task of dry.tasks) {
      const node = graph.nodes.get(task.taskId);
      expect(node, task.taskId).toBeDefined();
      if (node === undefined) continue;
      expect({
        id: node.id,
        command: dryRunCommand(node),
        dependencies: node.dependencies,
        dependents: node.dependents,
        with: node.definition.with,
        resolved: JSON.stringify(node.definition.resolvedTaskDefinition),
      }).toEqual({
        id: task.taskId,
        command: task.command,
        dependencies: task.dependencies,
        dependents: task.dependents,
        with: task.with,
        resolved: JSON.stringify(task.resolvedTaskDefinition),
      });
    }
  });

  it("uses plain task ids in single-package mode", async () => {
    const temp = await create({
      root: { name: "solo", scripts: { build: "echo b", test: "echo t" } },
      turbo: {
        tasks: {
          build: { dependsOn: ["^build", "lint"] },
          test: { dependsOn: ["build"] },
          lint: {},
        },
      },
      install: false,
    });
    const dry = await turboDryJson(temp.root, ["run", "test"]);
    const ours = await turbineGraph(temp.root, ["test"], { singlePackage: true });
    if (!ours.ok) throw ours.error;
    const summary = [...ours.value.nodes.values()].map((n) => [
      n.id,
      dryRunCommand(n),
      n.dependencies,
      n.dependents,
    ]);
    expect(summary).toEqual(
      dry.tasks.map((t) => [t.taskId, t.command, t.dependencies, t.dependents]),
    );
    expect(ours.value.order).toEqual(["lint", "build", "test"]);
  });
});
