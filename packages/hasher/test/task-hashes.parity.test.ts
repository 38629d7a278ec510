import { type RepoSpec, useTempRepos } from "@turbine/test-utils";
import { describe, it } from "vitest";

import { expectRunMatchesTurbo } from "./run-parity.js";

// Whole-run parity with the real turbo 2.11.13: global inputs, every task's hash and inputs.
const create = useTempRepos();

const monorepo: RepoSpec = {
  packages: [
    {
      name: "a",
      scripts: { build: "echo a", "build:prod": "echo ap", test: "echo t" },
      dependencies: { b: "*" },
      files: { "src/a.ts": "a\n", "README.md": "r\n" },
    },
    { name: "b", scripts: { build: "echo b" }, files: { "b.ts": "b\n" } },
    { name: "web", scripts: { build: "echo w" }, files: { "page.tsx": "p\n" } },
  ],
  root: { scripts: { lint: "echo lint" }, dependencies: { a: "*" }, engines: { node: ">=18" } },
};

const envTasks = {
  build: {
    dependsOn: ["^build"],
    outputs: ["dist/**", "!dist/cache/**", ".next/**"],
    env: ["FOO", "BAR_*", "!BAR_SECRET", "LIT\\*"],
    passThroughEnv: ["PT_*", "!PT_NO"],
  },
  "build:prod": { dependsOn: ["build"], inputs: ["src/**", "$TURBO_ROOT$/tsconfig.json"] },
  test: { dependsOn: ["build"], inputs: ["$TURBO_DEFAULT$", "!README.md"] },
  "//#lint": { inputs: ["*.json"] },
};

const envValues = {
  FOO: "foo",
  BAR_ONE: "1",
  BAR_SECRET: "s",
  LITX: "not-a-star",
  PT_A: "a",
  PT_NO: "no",
  GLOBAL_ONE: "g",
  GLOBAL_SKIP: "skip",
  VERCEL_ANALYTICS_ID: "va",
};

describe("task hashes match turbo", () => {
  it("matches in strict mode with env wildcards, negation, pass-through and root deps", async () => {
    const repo = await create({
      ...monorepo,
      turbo: {
        globalEnv: ["GLOBAL_*", "!GLOBAL_SKIP"],
        globalPassThroughEnv: ["GPT_*"],
        globalDependencies: ["config/**", "!config/skip.txt"],
        tasks: envTasks,
      },
      files: {
        "config/a.txt": "c\n",
        "config/skip.txt": "s\n",
        "tsconfig.json": "{}\n",
        ".gitattributes": "* text=auto\n",
      },
    });
    await repo.write("packages/a/src/dirty.ts", "untracked\n");
    await expectRunMatchesTurbo(repo, {
      args: ["run", "build", "test", "build:prod", "lint"],
      env: { ...envValues, GPT_X: "x" },
    });
  });

  it("de-duplicates globalEnv and globalPassThroughEnv and keeps task-level repeats", async () => {
    const repo = await create({
      ...monorepo,
      turbo: {
        globalEnv: ["GLOBAL_ONE", "GLOBAL_*", "GLOBAL_ONE", "!GLOBAL_SKIP", "!GLOBAL_SKIP"],
        globalPassThroughEnv: ["GPT_*", "GPT_*"],
        globalDependencies: ["tsconfig.json", "tsconfig.json"],
        tasks: {
          ...envTasks,
          build: {
            ...envTasks.build,
            env: ["FOO", "FOO", "BAR_*", "BAR_*", "!BAR_SECRET", "!BAR_SECRET"],
            passThroughEnv: ["PT_*", "PT_*"],
            outputs: ["dist/**", "dist/**", "!dist/cache/**", "!dist/cache/**"],
            dependsOn: ["^build", "^build"],
          },
          test: { dependsOn: ["build"], inputs: ["$TURBO_DEFAULT$", "README.md", "README.md"] },
        },
      },
      files: { "tsconfig.json": "{}\n" },
    });
    await expectRunMatchesTurbo(repo, {
      args: ["run", "build", "test"],
      env: { ...envValues, GPT_X: "x" },
    });
  });

  it("matches in loose mode, where passThroughEnv leaves the hash", async () => {
    const repo = await create({
      ...monorepo,
      turbo: { envMode: "loose", globalPassThroughEnv: ["GPT_*"], tasks: envTasks },
      files: { "tsconfig.json": "{}\n" },
    });
    await expectRunMatchesTurbo(repo, { args: ["run", "build", "test"], env: envValues });
  });

  it("hashes pass-through args into every task of the run", async () => {
    const repo = await create({
      ...monorepo,
      turbo: { tasks: envTasks },
      files: { "tsconfig.json": "{}\n" },
    });
    await expectRunMatchesTurbo(repo, { args: ["run", "test", "--", "--watch", "x y"] });
  });

  it("matches external dependency closures from the npm lockfile", async () => {
    const repo = await create({
      packages: [
        { name: "a", scripts: { build: "echo a" }, dependencies: { "is-odd": "3.0.1" } },
        { name: "b", scripts: { build: "echo b" } },
      ],
      root: { devDependencies: { "is-number": "7.0.0" } },
      turbo: { tasks: { build: {} } },
    });
    await expectRunMatchesTurbo(repo);
  });

  it("infers a framework from an external dependency and honours global exclusions", async () => {
    const repo = await create({
      packages: [
        {
          name: "site",
          scripts: { build: "echo s" },
          dependencies: { next: "file:../../vendor/next" },
        },
      ],
      turbo: { globalEnv: ["!NEXT_PUBLIC_HIDDEN"], tasks: { build: { env: ["OWN"] } } },
      files: { "vendor/next/package.json": '{"name":"next","version":"1.0.0"}\n' },
    });
    await expectRunMatchesTurbo(repo, {
      env: { NEXT_PUBLIC_A: "a", NEXT_PUBLIC_HIDDEN: "h", OWN: "o", VERCEL_ANALYTICS_ID: "v" },
    });
  });

  it("matches single-package mode", async () => {
    const repo = await create({
      root: { scripts: { build: "echo b", test: "echo t" }, workspaces: undefined },
      turbo: {
        globalEnv: ["G"],
        tasks: { build: { outputs: ["dist/**"] }, test: { dependsOn: ["build"] } },
      },
      files: { "src/index.ts": "i\n" },
    });
    await repo.write("src/new.ts", "n\n");
    await expectRunMatchesTurbo(repo, {
      args: ["run", "test"],
      env: { G: "g" },
      singlePackage: true,
    });
  });
});
