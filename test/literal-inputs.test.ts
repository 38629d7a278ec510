import { symlink } from "node:fs/promises";

import {
  type PackageSpec,
  turboDryJson,
  type TurboDryTask,
  useTempRepos,
} from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// Literal `inputs` (a file or directory named without glob syntax) are a stat each in Turbine,
// shared by the tasks of a run, and a literal file is included whatever the exclusions say, as
// turbo includes it; every task's file map and hash must be turbo's, for literals that exist or
// not, are excluded, are directories, symlinks, or sit outside the package.
const create = useTempRepos();

interface DryTask {
  readonly taskId: string;
  readonly hash: string;
  readonly inputs: Readonly<Record<string, string>>;
}

async function expectTurbosInputs(root: string, tasks: readonly string[]): Promise<void> {
  const theirs = await turboDryJson(root, ["run", ...tasks]);
  const result = await runTurbine(root, ["run", ...tasks, "--dry=json"]);
  expect(result.code, result.stderr).toBe(0);
  const ours = (JSON.parse(result.stdout) as { tasks: DryTask[] }).tasks;
  const pick = (list: readonly (DryTask | TurboDryTask)[]): Record<string, unknown> =>
    Object.fromEntries(
      list.map((t) => [t.taskId, { hash: t.hash, inputs: (t as DryTask).inputs }]),
    );
  expect(pick(ours)).toEqual(pick(theirs.tasks as unknown as DryTask[]));
}

const script = { build: "echo build", lint: "echo lint", check: "echo check" };

/** A repo of one package `a` with `files`, the root `turbo` and root `files`. */
function onePackage(
  files: Readonly<Record<string, string>>,
  turbo: unknown,
  rootFiles: Readonly<Record<string, string>> = {},
): ReturnType<typeof create> {
  return create({ packages: [{ name: "a", scripts: script, files }], turbo, files: rootFiles });
}

describe("literal inputs hash as turbo hashes them", () => {
  it("across packages sharing one task definition, present, absent, ignored or excluded", async () => {
    const packages: PackageSpec[] = ["a", "b", "c", "d", "e"].map((name, i) => ({
      name,
      scripts: script,
      files: {
        "src/index.ts": `export const ${name} = ${String(i)};\n`,
        "src/index.test.ts": "test\n",
        "README.md": `# ${name}\n`,
        ...(i % 2 === 0 ? { ".env.production": `KEY=${String(i)}\n` } : {}),
        ...(i === 1 ? { "notes.md": "excluded by !**/*.md\n" } : {}),
      },
    }));
    const repo = await create({
      packages,
      turbo: {
        tasks: {
          build: {
            inputs: ["$TURBO_DEFAULT$", "!**/*.md", ".env.production", "!**/*.test.ts"],
          },
          lint: { inputs: ["$TURBO_DEFAULT$", "README.md", "!README.md", "missing.txt"] },
          check: { inputs: ["src/index.ts", "package.json", ".env.production", "!*.json"] },
        },
      },
      files: { ".gitignore": "node_modules/\n.turbo/\n.env.production\n" },
    });
    await expectTurbosInputs(repo.root, ["build", "lint", "check"]);
  });

  it("through symlinks to files and directories, and not through broken ones", async () => {
    const repo = await onePackage(
      { "target.txt": "t\n", "assets/one.txt": "1\n", "assets/two/three.txt": "3\n" },
      {
        tasks: {
          build: { inputs: ["link.txt", "broken.txt", "dirlink", "assets", "!assets/two"] },
        },
      },
    );
    await symlink("target.txt", repo.path("packages/a/link.txt"));
    await symlink("nowhere.txt", repo.path("packages/a/broken.txt"));
    await symlink("assets", repo.path("packages/a/dirlink"));
    await repo.commit("links");
    await expectTurbosInputs(repo.root, ["build"]);
  });

  it("whatever the exclusions say, inside the package, outside it and in global dependencies", async () => {
    const repo = await onePackage(
      { "src/index.ts": "i\n", "src/other.ts": "o\n", "config.json": "{}\n" },
      {
        globalDependencies: ["tsconfig.json", "!tsconfig.json", "*.md", "!README.md"],
        tasks: {
          build: { inputs: ["src/index.ts", "!src/**", "config.json", "*.json", "!*.json"] },
          lint: { inputs: ["src/**", "src/index.ts", "!src/index.ts"] },
          check: {
            inputs: [
              "src/other.ts",
              "$TURBO_ROOT$/ignored.json",
              "!$TURBO_ROOT$/ignored.json",
              "../shared.json",
              "!../*.json",
            ],
          },
        },
      },
      {
        "tsconfig.json": "{}\n",
        "README.md": "r\n",
        "other.md": "o\n",
        "ignored.json": "{}\n",
        "packages/shared.json": "{}\n",
      },
    );
    await expectTurbosInputs(repo.root, ["build", "lint", "check"]);
  });
});
