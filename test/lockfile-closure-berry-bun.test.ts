import { Hasher, hashTaskGraph } from "@turbine/hasher";
import {
  cleanEnv,
  createTempRepo,
  type RepoSpec,
  type TempRepo,
  type TestPackageManager,
  turboDryJson,
  type TurboDryRun,
} from "@turbine/test-utils";
import {
  buildTaskGraph,
  loadTurboConfig,
  loadWorkspace,
  repoFileReader,
  type Workspace,
} from "@turbine/workspace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Lockfiles written by the real yarn 4 (berry) and bun from the npm registry, checked against the
 * real turbo's `--dry=json`: every task's `hashOfExternalDependencies`, the global one, and the
 * full task hashes. root -> is-number@^7; a -> is-odd@^3 (-> is-number@^6) and b;
 * b -> is-number@^6.
 */

/** A berry patch (yarn's `patch:` protocol) that adds one file to is-odd. */
const IS_ODD_PATCH = [
  "diff --git a/PATCHED.md b/PATCHED.md",
  "new file mode 100644",
  "--- /dev/null",
  "+++ b/PATCHED.md",
  "@@ -0,0 +1 @@",
  "+patched",
  "",
].join("\n");

interface Case {
  readonly name: string;
  readonly packageManager: TestPackageManager;
  /** Root package.json keys (resolutions, overrides). */
  readonly root?: Readonly<Record<string, unknown>>;
  /** a's dependency on is-odd. */
  readonly isOdd?: string;
  readonly files?: Readonly<Record<string, string>>;
  /** a's closure keys, so an override case cannot pass by doing nothing. */
  readonly expectInA: readonly unknown[];
}

const cases: readonly Case[] = [
  {
    name: "berry",
    packageManager: "berry",
    expectInA: ["is-number@npm:6.0.0", "is-odd@npm:3.0.1"],
  },
  {
    // `is-number@^6.0.0` matches is-odd's `npm:^6.0.0` through turbo's default-protocol rule.
    name: "berry with resolutions and a patch",
    packageManager: "berry",
    root: { resolutions: { "is-number@^6.0.0": "npm:6.0.0" } },
    isOdd: "patch:is-odd@npm%3A^3.0.1#~/patches/is-odd.patch",
    files: { "patches/is-odd.patch": IS_ODD_PATCH },
    // yarn appends `::version=3.0.1&hash=<its patch hash>` to the patched locator.
    expectInA: [
      "is-number@npm:6.0.0",
      expect.stringMatching(/^is-odd@patch:is-odd@npm%3A3\.0\.1#~\/patches\/is-odd\.patch::/),
    ],
  },
  { name: "bun", packageManager: "bun", expectInA: ["is-number@6.0.0", "is-odd@3.0.1"] },
  {
    name: "bun with overrides",
    packageManager: "bun",
    root: { overrides: { "is-number": "7.0.0" } },
    expectInA: ["is-number@7.0.0", "is-odd@3.0.1"],
  },
];

function repoSpec(c: Case): RepoSpec {
  return {
    packageManager: c.packageManager,
    root: { devDependencies: { "is-number": "^7.0.0" }, ...c.root },
    packages: [
      {
        name: "a",
        scripts: { build: "echo a" },
        dependencies: { "is-odd": c.isOdd ?? "^3.0.1", b: "*" },
        files: { "src/a.js": "export const a = 1;\n" },
      },
      {
        name: "b",
        scripts: { build: "echo b" },
        dependencies: { "is-number": "^6.0.0" },
        files: { "src/b.js": "export const b = 1;\n" },
      },
    ],
    turbo: { tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] } } },
    ...(c.files === undefined ? {} : { files: c.files }),
  };
}

interface Fixture {
  readonly repo: TempRepo;
  readonly workspace: Workspace;
  readonly dry: TurboDryRun;
}

const fixtures = new Map<string, Fixture>();
let hasher: Hasher;

beforeAll(async () => {
  hasher = await Hasher.create();
  // One at a time: each install fetches from the registry, and the machine is small.
  for (const c of cases) {
    const repo = await createTempRepo(repoSpec(c));
    fixtures.set(c.name, {
      repo,
      workspace: await loadWorkspace(repo.root),
      dry: await turboDryJson(repo.root, ["run", "build"]),
    });
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([...fixtures.values()].map((f) => f.repo.cleanup()));
});

function fixture(name: string): Fixture {
  const found = fixtures.get(name);
  if (found === undefined) throw new Error(`no fixture for ${name}`);
  return found;
}

describe.each(cases)("$name lockfile written by the real package manager", (c) => {
  it("reads the lockfile without problems", async () => {
    const { workspace, repo } = fixture(c.name);
    expect(workspace.lockfileProblem).toBeUndefined();
    const lockfile = c.packageManager === "bun" ? "bun.lock" : "yarn.lock";
    expect(workspace.lockfilePath).toBe(lockfile);
    expect(await repo.git("ls-files", lockfile)).toBe(`${lockfile}\n`);
  });

  it("closes each package over the packages the override selects", () => {
    const keys = (fixture(c.name).workspace.externalClosure("a") ?? []).map((p) => p.key);
    expect(keys).toEqual(c.expectInA);
  });

  it("hashes every closure to turbo's hashOfExternalDependencies", () => {
    const { workspace, dry } = fixture(c.name);
    for (const task of dry.tasks) {
      const closure = workspace.externalClosure(task.package ?? "//");
      expect(closure, task.taskId).toBeDefined();
      expect(hasher.externalDepsHash(closure ?? []), task.taskId).toBe(
        task.hashOfExternalDependencies,
      );
    }
    expect(hasher.externalDepsHash(workspace.externalClosure("//") ?? [])).toBe(
      dry.globalCacheInputs.hashOfExternalDependencies,
    );
  });

  it("computes turbo's global inputs and every task hash", async () => {
    const { workspace, dry, repo } = fixture(c.name);
    const config = await loadTurboConfig({
      packages: workspace.packages.values(),
      readFile: repoFileReader(repo.root),
      singlePackage: workspace.singlePackage,
    });
    if (!config.ok) throw config.error;
    const graph = buildTaskGraph({ workspace, config: config.value, tasks: ["build"] });
    if (!graph.ok) throw graph.error;
    const result = await hashTaskGraph({
      workspace,
      config: config.value,
      graph: graph.value,
      env: cleanEnv(),
      passThruArgs: [],
    });
    expect(result.globalInputs).toEqual(dry.globalCacheInputs);
    const ours = Object.fromEntries([...result.tasks].map(([id, t]) => [id, t.hash]));
    const theirs = Object.fromEntries(dry.tasks.map((t) => [t.taskId, t.hash]));
    expect(Object.keys(theirs)).toEqual(["a#build", "b#build"]);
    expect(ours).toEqual(theirs);
  });
});
