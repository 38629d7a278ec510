import { createTempRepo, runTurbo, type TempRepo } from "@turbine/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// These tests spawn turbo, npm and servers on a shared 2-core machine.

async function turbineTaskIds(cwd: string, args: readonly string[]): Promise<string[]> {
  const ran = await runTurbine(cwd, [...args, "--dry=json"]);
  if (ran.code !== 0) throw new Error(`turbine exited ${ran.code}: ${ran.stderr}`);
  return taskIds(ran.stdout);
}

async function turboTaskIds(cwd: string, args: readonly string[]): Promise<string[]> {
  const ran = await runTurbo(cwd, [...args, "--dry=json"]);
  if (ran.code !== 0) throw new Error(`turbo exited ${ran.code}: ${ran.stderr}`);
  return taskIds(ran.stdout);
}

function taskIds(json: string): string[] {
  const doc = JSON.parse(json) as { tasks: { taskId: string }[]; packages: string[] };
  return [...doc.tasks.map((t) => t.taskId), `packages: ${doc.packages.join(",")}`];
}

let repo: TempRepo;

// a -> b -> c, web alone, tools/cli under another directory; after the first commit c and
// tools/cli change (one committed, one uncommitted).
beforeAll(async () => {
  repo = await createTempRepo({
    root: { workspaces: ["packages/*", "tools/*"] },
    packages: [
      { name: "a", dependencies: { b: "*" }, scripts: { build: "echo a" } },
      { name: "b", dependencies: { c: "*" }, scripts: { build: "echo b" } },
      { name: "c", scripts: { build: "echo c" } },
      { name: "web", scripts: { build: "echo web" } },
      {
        name: "@tools/cli",
        dir: "tools/cli",
        dependencies: { c: "*" },
        scripts: { build: "echo cli" },
      },
    ],
    turbo: { tasks: { build: { dependsOn: ["^build"] } } },
  });
  await repo.write("packages/c/src.txt", "v2");
  await repo.commit("change c");
  await repo.write("tools/cli/uncommitted.txt", "wip");
});

afterAll(async () => {
  await repo.cleanup();
});

describe("--filter selects the same tasks as turbo", () => {
  it.each([
    ["a"],
    ["@tools/*"],
    ["a..."],
    ["...c"],
    ["...^c"],
    ["b^..."],
    ["!a"],
    ["!b..."],
    ["./packages/*"],
    ["{./tools/*}"],
    ["./tools/cli"],
    ["a{./packages/*}"],
    ["[HEAD]"],
    ["[HEAD^1]"],
    ["...[HEAD^1]"],
    ["[HEAD^1...HEAD]"],
    ["a...[HEAD^1]"],
    ["web...[HEAD^1]"],
    ["*"],
    ["...//"],
  ])("--filter=%s", async (filter) => {
    const args = ["run", "build", `--filter=${filter}`];
    expect(await turbineTaskIds(repo.root, args)).toEqual(await turboTaskIds(repo.root, args));
  });

  it("unions several filters and subtracts negations", async () => {
    const args = ["run", "build", "--filter=web", "--filter=...c", "--filter=!a"];
    expect(await turbineTaskIds(repo.root, args)).toEqual(await turboTaskIds(repo.root, args));
  });

  it("intersects --affected with --filter", async () => {
    const args = ["run", "build", "--affected", "--filter=@tools/*"];
    const env = { TURBO_SCM_BASE: "HEAD^1" };
    const ours = await runTurbine(repo.root, [...args, "--dry=json"], env);
    const turbo = await runTurbo(repo.root, [...args, "--dry=json"], { env });
    expect(taskIds(ours.stdout)).toEqual(taskIds(turbo.stdout));
  });

  it("fails on an unknown package name as turbo does", async () => {
    const ours = await runTurbine(repo.root, ["run", "build", "--filter=nope"]);
    const turbo = await runTurbo(repo.root, ["run", "build", "--filter=nope"]);
    expect(ours.code).toBe(turbo.code);
    expect(ours.stderr).toContain("No package found with name 'nope' in workspace");
    expect(turbo.stderr).toContain("No package found with name 'nope' in workspace");
  });
});
