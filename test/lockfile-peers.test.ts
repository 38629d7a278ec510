import { compareDryRuns, type DryRunDocument } from "@turbine/cli";
import {
  createTempRepo,
  type TempRepo,
  type TestPackageManager,
  turboDryJson,
} from "@turbine/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

/**
 * Peer dependencies in lockfiles written by the real npm and bun, checked against the real turbo.
 * `@radix-ui/react-slot` has a required peer (`react`) and an optional one (`@types/react`); the
 * root installs both, so each is in the lockfile. turbo follows the required peer and leaves the
 * optional one out of a package's closure: `slot-only` depends on react-slot alone and gets react
 * through its peer, `slot-and-react` lists react itself.
 */
const managers: readonly TestPackageManager[] = ["npm", "bun"];
const repos = new Map<TestPackageManager, TempRepo>();

beforeAll(async () => {
  for (const packageManager of managers) {
    repos.set(
      packageManager,
      await createTempRepo({
        packageManager,
        root: { devDependencies: { "@types/react": "19.1.8", typescript: "5.8.3" } },
        packages: [
          {
            name: "slot-only",
            scripts: { build: "echo s" },
            dependencies: { "@radix-ui/react-slot": "1.2.3" },
          },
          {
            name: "slot-and-react",
            scripts: { build: "echo r" },
            dependencies: { "@radix-ui/react-slot": "1.2.3", react: "19.1.0" },
          },
        ],
        turbo: { tasks: { build: { outputs: ["dist/**"] } } },
      }),
    );
  }
}, 300_000);

afterAll(async () => {
  await Promise.all([...repos.values()].map((r) => r.cleanup()));
});

describe.each(managers)("%s peer dependencies", (pm) => {
  it("hash every task like turbo: required peers followed, optional peers left out", async () => {
    const repo = repos.get(pm);
    if (repo === undefined) throw new Error(`no repo for ${pm}`);
    const turbo = await turboDryJson(repo.root, ["run", "build"]);
    const ours = await runTurbine(repo.root, ["run", "build", "--dry=json"]);
    expect(ours.code, ours.stderr).toBe(0);
    const comparisons = compareDryRuns(
      turbo as unknown as DryRunDocument,
      JSON.parse(ours.stdout) as DryRunDocument,
    );
    expect(comparisons.map((c) => [c.taskId, c.status])).toEqual([
      ["slot-and-react#build", "same"],
      ["slot-only#build", "same"],
    ]);
  });
});
