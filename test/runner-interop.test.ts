import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";

import { type RepoSpec, runTurbo, turboDryJson, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// These tests spawn turbo, npm and servers on a shared 2-core machine.

/** Runs the turbine CLI handler in-process with turbo's clean test environment. */

/** A run's log with the two lines that legitimately differ (product and time) normalised. */
function comparable(stdout: string): string {
  return stdout
    .replace(/^ {3}\u2022 (turbo|turbine) \S+$/m, "   \u2022 <product>")
    .replace(/^( *Time:) {4}\S+/m, "$1    <time>");
}

const create = useTempRepos();

const repoSpec: RepoSpec = {
  packages: [
    {
      name: "a",
      dependencies: { b: "*" },
      scripts: { build: "node build.js" },
      files: {
        "build.js":
          "const fs = require('fs'); fs.mkdirSync('dist/sub', { recursive: true }); fs.writeFileSync('dist/out.txt', 'a'); fs.writeFileSync('dist/sub/x.txt', 'x'); console.log('built a');",
      },
    },
    {
      name: "b",
      scripts: { build: "node -e \"console.log('built b'); console.error('warn b')\"" },
    },
    {
      name: "web",
      scripts: {
        build: "node -e \"console.log('built web')\"",
        lint: "node -e \"console.log('lint')\"",
      },
    },
  ],
  turbo: {
    tasks: {
      build: { dependsOn: ["^build"], outputs: ["dist/**", "!dist/sub/**"] },
      lint: { env: ["LINT_*"], passThroughEnv: ["LINT_TOKEN"] },
      test: { dependsOn: ["build"] },
    },
  },
  files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
};

describe("turbine run against turbo 2.11.13 on the same repo", () => {
  it("runs a cold build in dependency order, then replays it fully cached", async () => {
    const repo = await create(repoSpec);
    const cold = await runTurbine(repo.root, ["run", "build"]);
    expect(cold.code).toBe(0);
    const lines = cold.stdout.split("\n");
    const lastOfB = lines.findLastIndex((l) => l.startsWith("b:build: "));
    const startOfA = lines.findIndex((l) => l.startsWith("a:build: cache miss, executing "));
    expect(lastOfB).toBeGreaterThan(0);
    expect(startOfA).toBeGreaterThan(lastOfB);
    expect(cold.stdout).toContain("Cached:    0 cached, 3 total");
    expect(await repo.read("packages/a/dist/out.txt")).toBe("a");

    const dry = await turboDryJson(repo.root);
    for (const task of dry.tasks)
      expect(cold.stdout).toContain(`cache miss, executing ${task.hash}`);

    const warm = await runTurbine(repo.root, ["run", "build"]);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toMatch(/ {2}Time: {4}\d+m?s >>> FULL TURBO/);
    expect(warm.stdout).toContain("a:build: cache hit, replaying logs");
    expect(warm.stdout).toContain("b:build: warn b");
  });

  it("prints the same log as turbo for a fully cached grouped run", async () => {
    const repo = await create(repoSpec);
    expect((await runTurbo(repo.root, ["run", "build"])).code).toBe(0);
    const args = ["run", "build", "--log-order=grouped", "--concurrency=1", "--filter=a..."];
    const fromTurbo = await runTurbo(repo.root, args);
    const fromTurbine = await runTurbine(repo.root, args);
    expect(fromTurbo.stdout).toContain(">>> FULL TURBO");
    expect(comparable(fromTurbine.stdout)).toBe(comparable(fromTurbo.stdout));
  });

  it("shares one local cache with turbo both ways, restoring outputs", async () => {
    const repo = await create(repoSpec);
    expect((await runTurbo(repo.root, ["run", "build"])).code).toBe(0);
    await rm(join(repo.root, "packages/a/dist"), { recursive: true });

    const hit = await runTurbine(repo.root, ["run", "build"]);
    expect(hit.stdout).toContain(">>> FULL TURBO");
    expect(await repo.read("packages/a/dist/out.txt")).toBe("a");
    // `!dist/sub/**` kept dist/sub out of the artifact turbo wrote.
    await expect(repo.read("packages/a/dist/sub/x.txt")).rejects.toThrow();

    await repo.write("packages/b/src.txt", "changed");
    const incremental = await runTurbine(repo.root, ["run", "build"]);
    expect(incremental.stdout).toContain("Cached:    1 cached, 3 total");
    expect(incremental.stdout).toMatch(/web:build: cache hit/);
    expect(incremental.stdout).toMatch(/b:build: cache miss/);
    expect(incremental.stdout).toMatch(/a:build: cache miss/);

    await rm(join(repo.root, "packages/a/dist"), { recursive: true });
    const back = await runTurbo(repo.root, ["run", "build"]);
    expect(back.stdout).toContain(">>> FULL TURBO");
    expect(await repo.read("packages/a/dist/out.txt")).toBe("a");
  });

  it.each([
    [
      "pass-through args and env",
      "",
      ["run", "build", "lint", "test", "--dry=json", "--", "--flag"],
    ],
    ["loose env mode", "", ["run", "lint", "--dry=json", "--env-mode=loose"]],
    [
      "no framework inference; --global-deps, which turbo does not hash",
      "",
      ["run", "build", "--dry=json", "--framework-inference=false", "--global-deps=*.md"],
    ],
    ["--only", "", ["run", "test", "--dry=json", "--only"]],
    ["a package directory as cwd", "packages/a", ["run", "build", "--dry=json"]],
    ["--cwd", "packages", ["run", "build", "--dry=json", "--cwd=.."]],
  ])(
    "writes --dry=json equal to turbo's apart from id and version: %s",
    async (_label, dir, args) => {
      const repo = await create(repoSpec);
      await repo.write("packages/a/notes.md", "untracked input");
      await repo.write("README.md", "global dependency");
      const env = { LINT_LEVEL: "3", LINT_TOKEN: "secret" };
      const cwd = join(repo.root, dir);
      const turboRun = await runTurbo(cwd, args, { env });
      expect(turboRun.code).toBe(0);
      const fromTurbo = JSON.parse(turboRun.stdout) as Record<string, unknown>;
      const ran = await runTurbine(cwd, args, env);
      expect(ran.code).toBe(0);
      const fromTurbine = JSON.parse(ran.stdout) as Record<string, unknown>;
      for (const doc of [fromTurbo, fromTurbine]) {
        delete doc.id;
        delete doc.turboVersion;
      }
      expect(JSON.stringify(fromTurbine, null, 1)).toBe(JSON.stringify(fromTurbo, null, 1));
    },
  );

  it("writes a --summarize file in turbo's shape", async () => {
    const repo = await create(repoSpec);
    const ran = await runTurbine(repo.root, ["run", "build", "--summarize"]);
    expect(ran.code).toBe(0);
    const path = /Summary: {4}(\S+\.json)/.exec(ran.stdout)?.[1];
    expect(path).toBeDefined();
    expect(ran.stdout).toContain("  Tasks:    3 successful, 3 total");
    const ours = JSON.parse(await readFile(path as string, "utf8")) as Summary;

    await rm(join(repo.root, ".turbo/runs"), { recursive: true });
    await runTurbo(repo.root, ["run", "build", "--summarize", "--force"]);
    const [file] = await readdir(join(repo.root, ".turbo/runs"));
    const theirs = JSON.parse(
      await readFile(join(repo.root, ".turbo/runs", file as string), "utf8"),
    ) as Summary;

    // turbo's keys in turbo's order, then Turbine's own eviction record.
    expect(Object.keys(ours)).toEqual([...Object.keys(theirs), "turbineCacheEviction"]);
    expect(Object.keys(ours.execution)).toEqual(Object.keys(theirs.execution));
    expect(ours.tasks.map((t) => t.taskId)).toEqual(theirs.tasks.map((t) => t.taskId));
    // turbo's keys in turbo's order; Turbine adds its own `missExplanation` after them.
    const turboKeys = (t: object): string[] =>
      Object.keys(t).filter((k) => k !== "missExplanation");
    expect(ours.tasks.map(turboKeys)).toEqual(theirs.tasks.map((t) => Object.keys(t)));
    expect(ours.tasks.map((t) => Object.keys(t).at(-1))).toEqual(
      ours.tasks.map(() => "missExplanation"),
    );
    expect(ours.tasks.map((t) => t.hash)).toEqual(theirs.tasks.map((t) => t.hash));
    expect(ours.tasks.map((t) => t.expandedOutputs)).toEqual(
      theirs.tasks.map((t) => t.expandedOutputs),
    );
    expect(ours.execution).toMatchObject({
      success: 3,
      failed: 0,
      cached: 0,
      attempted: 3,
      exitCode: 0,
    });
    expect(ours.id).toMatch(/^[0-9A-Za-z]{27}$/);
  });
});

interface Summary {
  readonly id: string;
  readonly execution: Record<string, unknown>;
  readonly tasks: readonly { taskId: string; hash: string; expandedOutputs: unknown }[];
}
