import { runTurbo, useTempRepos } from "@turbine/test-utils";
import { renderDot, renderMermaid, type TaskGraph } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

import { type GraphRepo, graphRepoSpec, turbineGraph } from "./task-graph-fixtures.js";

const create = useTempRepos();

/** 14 packages in a chain plus a root task: enough nodes to exercise many mermaid aliases. */
function longChain(): GraphRepo {
  const names = Array.from({ length: 14 }, (_, i) => `p${String(i).padStart(2, "0")}`);
  return {
    turbo: {
      tasks: {
        build: { dependsOn: ["^build", "lint"] },
        lint: { dependsOn: ["//#check"] },
        "//#check": {},
      },
    },
    packages: names.map((name, i) => {
      const next = names[i + 1];
      return {
        name,
        scripts: { build: `echo ${name}` },
        ...(next === undefined ? {} : { dependencies: { [next]: "*" } }),
      };
    }),
    rootScripts: { check: "echo check" },
  };
}

async function graphOf(root: string, tasks: string[], singlePackage = false): Promise<TaskGraph> {
  const result = await turbineGraph(root, tasks, { singlePackage });
  if (!result.ok) throw result.error;
  return result.value;
}

describe("graph renderings match turbo --graph", () => {
  it("prints the same DOT text as turbo run --graph", async () => {
    const repo = await create(graphRepoSpec(longChain()));
    const turbo = await runTurbo(repo.root, ["run", "build", "--graph"]);
    expect(turbo.code).toBe(0);
    expect(renderDot(await graphOf(repo.root, ["build"]))).toBe(turbo.stdout);
  });

  it("writes the same mermaid file as turbo run --graph=graph.mermaid, aliases included", async () => {
    const repo = await create(graphRepoSpec(longChain()));
    const turbo = await runTurbo(repo.root, ["run", "build", "--graph=graph.mermaid"]);
    expect(turbo.code).toBe(0);
    expect(renderMermaid(await graphOf(repo.root, ["build"]))).toBe(
      await repo.read("graph.mermaid"),
    );
  });

  it("repeats an edge reached through two dependsOn spellings, as turbo does", async () => {
    const repo = await create(
      graphRepoSpec({
        turbo: { tasks: { build: { dependsOn: ["lint", "c#lint", "lint"] }, lint: {} } },
        packages: [{ name: "c", scripts: { build: "echo c" } }],
      }),
    );
    const turbo = await runTurbo(repo.root, ["run", "build", "--graph"]);
    const dot = renderDot(await graphOf(repo.root, ["build"]));
    expect(dot).toBe(turbo.stdout);
    expect(dot.split('"[root] c#build" -> "[root] c#lint"').length - 1).toBe(2);
  });

  it("names tasks without a package in single-package mode", async () => {
    const repo = await create({
      root: { name: "solo", scripts: { build: "echo b", test: "echo t" } },
      turbo: {
        tasks: { build: { dependsOn: ["lint"] }, test: { dependsOn: ["build"] }, lint: {} },
      },
      install: false,
    });
    const turbo = await runTurbo(repo.root, ["run", "test", "--graph"]);
    const mermaid = await runTurbo(repo.root, ["run", "test", "--graph=g.mermaid"]);
    expect(mermaid.code).toBe(0);
    const graph = await graphOf(repo.root, ["test"], true);
    expect(renderDot(graph)).toBe(turbo.stdout);
    expect(renderMermaid(graph)).toBe(await repo.read("g.mermaid"));
  });
});
