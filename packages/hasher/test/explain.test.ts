import { diffExplanations, hashRun, type HashRunTask } from "@turbine/hasher/internal";
import { useTempRepos } from "@turbine/test-utils";
import { loadWorkspace } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

const create = useTempRepos();

const tasks: HashRunTask[] = [
  {
    id: "a#build",
    package: "a",
    task: "build",
    dependencies: ["b#build"],
    env: ["MODE"],
    passThroughEnv: null,
    inputs: [],
    outputs: [],
  },
  {
    id: "b#build",
    package: "b",
    task: "build",
    dependencies: [],
    env: ["MODE"],
    passThroughEnv: null,
    inputs: [],
    outputs: [],
  },
];

describe("explaining a miss", () => {
  it("names the edited file, and the dependency hash for dependents", async () => {
    const repo = await create({
      packages: [
        { name: "a", dependencies: { b: "*" }, files: { "a.ts": "a\n" } },
        { name: "b", files: { "b.ts": "b\n" } },
      ],
    });
    const workspace = await loadWorkspace(repo.root);
    const before = await hashRun({ workspace, tasks, env: { MODE: "x" } });
    await repo.write("packages/b/b.ts", "changed\n");
    const after = await hashRun({ workspace, tasks, env: { MODE: "x" } });

    const b = diffExplanations(
      before.tasks.get("b#build")?.explanation ?? expect.unreachable(),
      after.tasks.get("b#build")?.explanation ?? expect.unreachable(),
    );
    expect(b.map((c) => c.kind === "file-changed" && c.path)).toEqual(["b.ts"]);
    const a = diffExplanations(
      before.tasks.get("a#build")?.explanation ?? expect.unreachable(),
      after.tasks.get("a#build")?.explanation ?? expect.unreachable(),
    );
    expect(a).toEqual([
      {
        kind: "dependency-changed",
        taskId: "b#build",
        before: before.tasks.get("b#build")?.hash,
        after: after.tasks.get("b#build")?.hash,
      },
    ]);
  });

  it("names an env value change without revealing the value", async () => {
    const repo = await create({ packages: [{ name: "a" }, { name: "b" }] });
    const workspace = await loadWorkspace(repo.root);
    const one = [tasks[1] as HashRunTask];
    const before = await hashRun({ workspace, tasks: one, env: { MODE: "secret-1" } });
    const after = await hashRun({ workspace, tasks: one, env: { MODE: "secret-2" } });
    const changes = diffExplanations(
      before.tasks.get("b#build")?.explanation ?? expect.unreachable(),
      after.tasks.get("b#build")?.explanation ?? expect.unreachable(),
    );
    expect(changes.map((c) => c.kind === "field-changed" && c.field)).toEqual([
      "environmentVariables",
    ]);
    expect(JSON.stringify(changes)).not.toContain("secret");
  });
});
