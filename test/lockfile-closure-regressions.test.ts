import { compareDryRuns, type DryRunDocument } from "@turbine/cli/internal";
import {
  createTempRepo,
  type RepoSpec,
  type TempRepo,
  type TestPackageManager,
  turboDryJson,
} from "@turbine/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

/**
 * Closure rules found on real repositories, each on a lockfile written by the real package
 * manager and checked against the real turbo: every task hash must be turbo's.
 *
 * Peers (npm, bun): `@radix-ui/react-slot` has a required peer (`react`) and an optional one
 * (`@types/react`); the root installs both, so each is in the lockfile. turbo follows the
 * required peer and leaves the optional one out: `slot-only` gets react through its peer,
 * `slot-and-react` lists react itself.
 *
 * Overrides (pnpm): `is-number` is overridden to 7.0.0 everywhere but under `is-odd` (6.0.0).
 * The importer records the override as its specifier; turbo applies it only to that direct
 * dependency, so is-odd's `is-number: 6.0.0` stays 6.0.0 in the closure.
 */
interface Case {
  readonly name: string;
  readonly spec: RepoSpec;
}

const peers = (packageManager: TestPackageManager): Case => ({
  name: `${packageManager} peer dependencies`,
  spec: {
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
  },
});

const cases: readonly Case[] = [
  peers("npm"),
  peers("bun"),
  {
    name: "pnpm overrides of a transitive version",
    spec: {
      packageManager: "pnpm",
      packages: [
        {
          name: "slot-only",
          scripts: { build: "echo a" },
          dependencies: { "is-odd": "3.0.1", "is-number": "^7.0.0" },
        },
        {
          name: "slot-and-react",
          scripts: { build: "echo b" },
          dependencies: { "is-number": "*" },
        },
      ],
      files: {
        "pnpm-workspace.yaml":
          'packages:\n  - "packages/*"\noverrides:\n  is-number: 7.0.0\n  "is-odd>is-number": 6.0.0\n',
      },
      turbo: { tasks: { build: { outputs: ["dist/**"] } } },
    },
  },
];
const repos = new Map<string, TempRepo>();

beforeAll(async () => {
  // One at a time: each install fetches from the registry, and the machine is small.
  for (const c of cases) repos.set(c.name, await createTempRepo(c.spec));
}, 300_000);

afterAll(async () => {
  await Promise.all([...repos.values()].map((r) => r.cleanup()));
});

describe.each(cases)("$name", (c) => {
  it("hashes every task like turbo", async () => {
    const repo = repos.get(c.name);
    if (repo === undefined) throw new Error(`no repo for ${c.name}`);
    const turbo = await turboDryJson(repo.root, ["run", "build"]);
    const ours = await runTurbine(repo.root, ["run", "build", "--dry=json"]);
    expect(ours.code, ours.stderr).toBe(0);
    const comparisons = compareDryRuns(turbo, JSON.parse(ours.stdout) as DryRunDocument);
    expect(comparisons.map((x) => [x.taskId, x.status])).toEqual([
      ["slot-and-react#build", "same"],
      ["slot-only#build", "same"],
    ]);
  });
});
