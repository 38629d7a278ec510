import { cp } from "node:fs/promises";
import path from "node:path";

import { compareDryRuns, type DryRunDocument } from "@turbine/cli/internal";
import { hashTaskGraph } from "@turbine/hasher";
import { cleanEnv, TempRepo, turbineRoot, turboDryJson } from "@turbine/test-utils";
import { buildTaskGraph, loadTurboConfig, loadWorkspace, repoFileReader } from "@turbine/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

/**
 * The library entry and `turbine run` take one hashing path: `hashTaskGraph` on the pnpm parity
 * corpus (test/corpus/README.md) gives the hashes `turbine run --dry=json` prints, and both are
 * turbo 2.11.13's, with `--global-deps` naming a committed file turbo.json does not.
 */
const TASKS = ["build", "db:generate", "dev", "lint", "test", "typecheck"];
const ENV = { NODE_ENV: "production", NEXT_PUBLIC_API: "https://api.example", AWS_REGION: "x" };
const GLOBAL_DEPS = ["--global-deps=release.config.json", "--global-deps=apps/*/README.md"];

let repo: TempRepo;

beforeAll(async () => {
  repo = await TempRepo.create("pnpm");
  await cp(path.join(turbineRoot(), "test", "fixtures", "corpus", "pnpm"), repo.root, {
    recursive: true,
  });
  await repo.write("release.config.json", '{ "channel": "beta" }\n');
  await repo.write("apps/web/README.md", "# web\n");
  await repo.commit("corpus");
});

afterAll(async () => {
  await repo.cleanup();
});

async function libraryHashes(): Promise<Awaited<ReturnType<typeof hashTaskGraph>>> {
  const workspace = await loadWorkspace(repo.root);
  const config = await loadTurboConfig({
    packages: workspace.packages.values(),
    readFile: repoFileReader(repo.root),
    singlePackage: workspace.singlePackage,
  });
  if (!config.ok) throw config.error;
  const graph = buildTaskGraph({ workspace, config: config.value, tasks: TASKS });
  if (!graph.ok) throw graph.error;
  return hashTaskGraph({
    workspace,
    config: config.value,
    graph: graph.value,
    env: cleanEnv(ENV),
  });
}

describe("hashTaskGraph on a real multi-package repo", () => {
  it("hashes every task as turbine run --dry=json prints it and turbo does, --global-deps included", async () => {
    const args = ["run", ...TASKS, ...GLOBAL_DEPS];
    const turbo = await turboDryJson(repo.root, args, { env: ENV });
    // turbo 2.11.13 accepts --global-deps and leaves it out of the global hash inputs.
    const turboWithout = await turboDryJson(repo.root, ["run", ...TASKS], { env: ENV });
    expect(turbo.globalCacheInputs).toEqual(turboWithout.globalCacheInputs);
    expect(Object.keys(turbo.globalCacheInputs.files)).not.toContain("release.config.json");

    const ran = await runTurbine(repo.root, [...args, "--dry=json"], ENV);
    expect(ran.code, ran.stderr).toBe(0);
    const printed = JSON.parse(ran.stdout) as DryRunDocument;
    const different = compareDryRuns(turbo, printed).filter((c) => c.status !== "same");
    expect(different).toEqual([]);

    const library = await libraryHashes();
    expect(library.globalInputs).toEqual(printed.globalCacheInputs);
    expect(library.globalInputs).toEqual(turbo.globalCacheInputs);
    const ours = Object.fromEntries([...library.tasks].map(([id, t]) => [id, t.hash]));
    const fromRun = Object.fromEntries(printed.tasks.map((t) => [t.taskId, t.hash]));
    expect(Object.keys(fromRun).length).toBeGreaterThan(20);
    expect(ours).toEqual(fromRun);
  });
});
