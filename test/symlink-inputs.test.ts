import { turboDryJson, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

const create = useTempRepos();

describe("inputs behind a committed link to a directory", () => {
  it("rebuilds when a file behind the link changes, as turbo does, instead of restoring", async () => {
    const repo = await create({
      packages: [
        {
          name: "a",
          scripts: {
            build:
              "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').copyFileSync('shared/config.txt','dist/config.txt')\"",
          },
        },
      ],
      turbo: { tasks: { build: { outputs: ["dist/**"] } } },
      files: { "shared/config.txt": "v1\n", ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
    });
    await repo.symlink("../../shared", "packages/a/shared");
    await repo.commit("link shared config");

    const first = await runTurbine(repo.root, ["run", "build"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("a:build: cache miss, executing");

    await repo.write("shared/config.txt", "v2\n");
    await repo.commit("change the shared config");
    const turbo = await turboDryJson(repo.root, ["run", "build"]);
    const second = await runTurbine(repo.root, ["run", "build"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(
      `a:build: cache miss, executing ${turbo.tasks[0]?.hash ?? "<no turbo task>"}`,
    );
    expect(await repo.read("packages/a/dist/config.txt")).toBe("v2\n");
  });
});
