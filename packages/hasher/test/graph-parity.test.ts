import { hashTaskGraph } from "@turbine/hasher";
import { cleanEnv, runTurbo, type TurboDryRun, useTempRepos } from "@turbine/test-utils";
import { buildTaskGraph, loadTurboConfig, loadWorkspace, repoFileReader } from "@turbine/workspace";
import { describe, expect, it } from "vitest";

// The whole pipeline (workspace → turbo.json config → task graph → hashes) against turbo 2.11.13.
const create = useTempRepos();

interface DryTask {
  readonly taskId: string;
  readonly hash: string;
}

async function expectGraphHashesMatch(
  root: string,
  tasks: string[],
  env: Record<string, string>,
  passThruArgs: string[] = [],
): Promise<void> {
  const args = [
    "run",
    ...tasks,
    "--dry=json",
    ...(passThruArgs.length > 0 ? ["--", ...passThruArgs] : []),
  ];
  const run = await runTurbo(root, args, { env });
  expect(run.code, run.stderr).toBe(0);
  const dry = JSON.parse(run.stdout) as TurboDryRun;

  const workspace = await loadWorkspace(root);
  const config = await loadTurboConfig({
    packages: workspace.packages.values(),
    readFile: repoFileReader(root),
    singlePackage: workspace.singlePackage,
  });
  if (!config.ok) throw config.error;
  const graph = buildTaskGraph({ workspace, config: config.value, tasks });
  if (!graph.ok) throw graph.error;
  const result = await hashTaskGraph({
    workspace,
    config: config.value,
    graph: graph.value,
    env: cleanEnv(env),
    passThruArgs,
  });
  expect(result.globalInputs).toEqual(dry.globalCacheInputs);
  const ours = Object.fromEntries([...result.tasks].map(([id, t]) => [id, t.hash]));
  const theirs = Object.fromEntries(
    (dry.tasks as unknown as DryTask[]).map((t) => [t.taskId, t.hash]),
  );
  expect(Object.keys(theirs).length).toBeGreaterThan(0);
  expect(ours).toEqual(theirs);
}

describe("hashes of a task graph built by @turbine/workspace match turbo", () => {
  it("covers package configurations, no-op tasks, root tasks and pass-through args", async () => {
    const repo = await create({
      packages: [
        {
          name: "app",
          scripts: { build: "echo app", test: "echo t" },
          dependencies: { lib: "*" },
          files: {
            "src/a.ts": "a\n",
            "turbo.json": JSON.stringify({
              extends: ["//"],
              tasks: { build: { outputs: ["$TURBO_EXTENDS$", "out/**"], env: ["APP_*"] } },
            }),
          },
        },
        { name: "lib", scripts: { test: "echo lib" }, files: { "l.ts": "l\n" } },
      ],
      root: { scripts: { check: "echo check" } },
      turbo: {
        globalEnv: ["SHARED"],
        tasks: {
          build: { dependsOn: ["^build"], outputs: ["dist/**", "!dist/tmp/**"] },
          test: { dependsOn: ["build"], inputs: ["$TURBO_DEFAULT$", "!*.md"] },
          "//#check": { dependsOn: [] },
        },
      },
    });
    await repo.write("packages/app/src/b.ts", "untracked\n");
    await expectGraphHashesMatch(repo.root, ["test", "check"], { SHARED: "s", APP_X: "x" }, [
      "--ci",
    ]);
  });

  it("covers single-package mode", async () => {
    const repo = await create({
      root: { scripts: { build: "echo b", lint: "echo l" }, workspaces: undefined },
      turbo: {
        tasks: { build: { outputs: ["dist/**"] }, lint: { dependsOn: ["build"], env: ["L"] } },
      },
      files: { "src/index.ts": "i\n" },
    });
    await expectGraphHashesMatch(repo.root, ["lint"], { L: "1" });
  });
});
