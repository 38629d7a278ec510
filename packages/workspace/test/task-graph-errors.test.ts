import { createTempRepo, runTurbo, type TempRepo } from "@turbine/test-utils";
import type { WorkspaceErrorCode } from "@turbine/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphRepoSpec, turbineGraph, turboMessage } from "./task-graph-fixtures.js";

interface GraphFailure {
  readonly name: string;
  readonly turbo: unknown;
  readonly tasks: readonly string[];
  readonly code: WorkspaceErrorCode;
  readonly message: string;
  readonly turboSays: string;
}

const cases: GraphFailure[] = [
  {
    name: "a task defined nowhere",
    turbo: { tasks: { build: {} } },
    tasks: ["nope"],
    code: "ERR_TASK_GRAPH_UNKNOWN_TASK",
    message: "Could not find task `nope` in project",
    turboSays: "Could not find task `nope` in project",
  },
  {
    name: "two unknown tasks",
    turbo: { tasks: { build: {} } },
    tasks: ["zap", "nope", "build"],
    code: "ERR_TASK_GRAPH_UNKNOWN_TASK",
    message: "Could not find task `nope` in project; Could not find task `zap` in project",
    turboSays: "Could not find task `nope` in project Could not find task `zap` in project",
  },
  {
    name: "a requested task of a package that does not exist",
    turbo: { tasks: { build: {} } },
    tasks: ["zz#build"],
    code: "ERR_TASK_GRAPH_UNKNOWN_PACKAGE",
    message: 'Could not find package "zz" referenced by task "zz#build" in project',
    turboSays: 'Could not find package "zz" referenced by task "zz#build" in project',
  },
  {
    name: "a dependency on a package that does not exist",
    turbo: { tasks: { build: { dependsOn: ["zz#build"] } } },
    tasks: ["build"],
    code: "ERR_TASK_GRAPH_UNKNOWN_PACKAGE",
    message: 'Could not find package "zz" referenced by task "zz#build" in project',
    turboSays: 'Could not find package "zz" referenced by task "zz#build" in project',
  },
  {
    name: "a dependency on an undefined task",
    turbo: { tasks: { build: { dependsOn: ["zap"] } } },
    tasks: ["build"],
    code: "ERR_TASK_GRAPH_MISSING_DEFINITION",
    message: 'Could not find "a#zap" in root turbo.json or "zap" in package',
    // turbo names whichever package its hash map visits first.
    turboSays: '#zap" in root turbo.json or "zap" in package',
  },
  {
    name: "^task where a dependency has no definition",
    turbo: { tasks: { "a#build": { dependsOn: ["^build"] }, lint: {} } },
    tasks: ["build"],
    code: "ERR_TASK_GRAPH_MISSING_DEFINITION",
    message: 'Could not find "b#build" in root turbo.json or "build" in package',
    turboSays: 'Could not find "b#build" in root turbo.json or "build" in package',
  },
  {
    name: "a root task that is not registered as //#task",
    turbo: { tasks: { build: { dependsOn: ["//#lint"] }, lint: {} } },
    tasks: ["build"],
    code: "ERR_TASK_GRAPH_ROOT_TASK_NOT_REGISTERED",
    message:
      "//#lint requires an entry in turbo.json before it can be depended on because it is a task declared in the root package.json",
    turboSays:
      "//#lint requires an entry in turbo.json before it can be depended on because it is a task declared in the root package.json",
  },
  {
    name: "a two-task cycle",
    turbo: { tasks: { build: { dependsOn: ["test"] }, test: { dependsOn: ["build"] } } },
    tasks: ["build"],
    code: "ERR_TASK_GRAPH_CYCLE",
    message:
      "Cyclic dependency detected:\n\ta#test, a#build\n\nThe cycle can be broken by removing any of these sets of dependencies:\n\ta#build -> a#test\n\ta#test -> a#build\n\tb#test, b#build\n\nThe cycle can be broken by removing any of these sets of dependencies:\n\tb#build -> b#test\n\tb#test -> b#build",
    turboSays: "Cyclic dependency detected:",
  },
  {
    name: "a task depending on itself",
    turbo: { tasks: { build: { dependsOn: ["build"] } } },
    tasks: ["build"],
    code: "ERR_TASK_GRAPH_CYCLE",
    message: "a#build depends on itself",
    turboSays: "depends on itself",
  },
  {
    name: "a dependency on a persistent task with a script",
    turbo: { tasks: { build: { dependsOn: ["dev"] }, dev: { persistent: true, cache: false } } },
    tasks: ["build"],
    code: "ERR_TASK_GRAPH_PERSISTENT_DEPENDENCY",
    message: '"a#dev" is a persistent task, "a#build" cannot depend on it',
    turboSays: '"a#dev" is a persistent task, "a#build" cannot depend on it',
  },
  {
    name: "an interactive task that is cached",
    turbo: { tasks: { build: { interactive: true } } },
    tasks: ["build"],
    code: "ERR_CONFIG_INVALID_TASK",
    message: "a#build: Tasks cannot be marked as interactive and cacheable.",
    turboSays: "Tasks cannot be marked as interactive and cacheable.",
  },
  {
    name: "an interruptible task that is not persistent",
    turbo: { tasks: { build: { interruptible: true } } },
    tasks: ["build"],
    code: "ERR_CONFIG_INVALID_TASK",
    message: "a#build: Interruptible tasks must be persistent.",
    turboSays: "Interruptible tasks must be persistent.",
  },
];

describe("task graph errors agree with turbo", () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo(
      graphRepoSpec({
        turbo: {},
        packages: [
          { name: "a", dependencies: { b: "*" }, scripts: { build: "echo a", dev: "echo dev" } },
          { name: "b", scripts: { build: "echo b" } },
        ],
        rootScripts: { lint: "echo lint" },
      }),
    );
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it.each(cases)("fails on $name", async (bad) => {
    await repo.write("turbo.json", JSON.stringify(bad.turbo));
    const turbo = await runTurbo(repo.root, ["run", ...bad.tasks, "--dry=json"]);
    expect(turbo.code).not.toBe(0);
    expect(turboMessage(turbo.stderr + turbo.stdout)).toContain(bad.turboSays);

    const ours = await turbineGraph(repo.root, bad.tasks);
    expect(ours.ok).toBe(false);
    if (ours.ok) return;
    expect({ code: ours.error.code, message: ours.error.message }).toEqual({
      code: bad.code,
      message: bad.message,
    });
  });
});
