import { cp } from "node:fs/promises";
import path from "node:path";

import { compareDryRuns, type DryRunDocument } from "@turbine/cli/internal";
import { TempRepo, type TestPackageManager, turbineRoot, turboDryJson } from "@turbine/test-utils";
import { loadWorkspace } from "@turbine/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { externalNames } from "./support/external-names.js";
import { runTurbine } from "./support/turbine.js";

/**
 * The parity corpus (test/corpus/README.md): one realistic monorepo per package manager, its
 * lockfile written by the real package manager. Each is copied into a fresh git repo and
 * compared with the real turbo: the external packages `turbo query` names for every workspace,
 * and every task hash of a dry run of all the configured tasks.
 */
const MANAGERS: readonly TestPackageManager[] = ["npm", "pnpm", "yarn", "berry", "bun"];
const TASKS = ["build", "db:generate", "dev", "lint", "test", "typecheck"];
/** Values for some of the variables turbo.json names, so env hashing is exercised too. */
const ENV = { NODE_ENV: "production", NEXT_PUBLIC_API: "https://api.example", AWS_REGION: "x" };

const repos = new Map<TestPackageManager, TempRepo>();

function repoOf(pm: TestPackageManager): TempRepo {
  const repo = repos.get(pm);
  if (repo === undefined) throw new Error(`no corpus repo for ${pm}`);
  return repo;
}

describe.each(MANAGERS)("%s corpus", (pm) => {
  beforeAll(async () => {
    const repo = await TempRepo.create(pm);
    repos.set(pm, repo);
    await cp(path.join(turbineRoot(), "test", "fixtures", "corpus", pm), repo.root, {
      recursive: true,
    });
    await repo.commit("corpus");
  });

  afterAll(async () => {
    await repos.get(pm)?.cleanup();
  });

  it("names the external packages turbo query names, workspace by workspace", async () => {
    const repo = repoOf(pm);
    const workspace = await loadWorkspace(repo.root);
    expect(workspace.lockfileProblem).toBeUndefined();
    const names = await externalNames(repo.root, workspace, ["//", ...workspace.packages.keys()]);
    for (const [name, { turbo, turbine }] of names) expect(turbine, name).toEqual(turbo);
  });

  it("hashes every task like turbo", async () => {
    const repo = repoOf(pm);
    const turbo = await turboDryJson(repo.root, ["run", ...TASKS], { env: ENV });
    const ours = await runTurbine(repo.root, ["run", ...TASKS, "--dry=json"], ENV);
    expect(ours.code, ours.stderr).toBe(0);
    const comparisons = compareDryRuns(turbo, JSON.parse(ours.stdout) as DryRunDocument);
    const different = comparisons.filter((c) => c.status !== "same");
    process.stdout.write(
      `${pm} corpus: ${comparisons.length} tasks compared with turbo, ${comparisons.length - different.length} equal\n`,
    );
    expect(comparisons.length).toBeGreaterThan(20);
    expect(different).toEqual([]);
  });
});
