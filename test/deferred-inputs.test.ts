import { turboDryJson, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

const create = useTempRepos();

const codegen =
  "node -e \"require('fs').mkdirSync('src/generated',{recursive:true});require('fs').writeFileSync('src/generated/g.js',String(Date.now()))\"";

/** `build` hashes generated files just in time; `check` consumes b's declaration outputs. */
async function deferredRepo(): Promise<string> {
  const repo = await create({
    packages: [
      {
        name: "a",
        dependencies: { b: "*" },
        scripts: { codegen, build: "echo built", check: "echo checked" },
        files: { "src/index.js": "export {};\n" },
      },
      {
        name: "b",
        scripts: {
          build:
            "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/i.d.ts','x')\"",
        },
      },
    ],
    turbo: {
      tasks: {
        codegen: { cache: false },
        build: {
          dependsOn: ["codegen", "^build"],
          outputs: ["dist/**"],
          inputs: [
            "$TURBO_DEFAULT$",
            "!src/generated/**",
            { mode: "jit", globs: ["src/generated/**"] },
          ],
        },
        check: {
          dependsOn: ["^build"],
          inputs: [
            "$TURBO_DEFAULT$",
            { mode: "dependencyOutputs", globs: ["dist/**/*.d.ts"], from: ["^build"] },
          ],
        },
        lint: { dependsOn: ["build"] },
      },
    },
    files: { ".gitignore": "node_modules/\n.turbo/\ndist/\nsrc/generated/\n" },
  });
  return repo.root;
}

describe("structured (deferred) inputs", () => {
  it("prints turbo's dry run: a null hash and its reason for deferred tasks and their dependents", async () => {
    const root = await deferredRepo();
    const args = ["run", "build", "check", "lint", "--dry=json"];
    const turbo = await turboDryJson(root, args.slice(0, -1));
    const ours = await runTurbine(root, args);
    expect(ours.code, ours.stderr).toBe(0);
    const record = JSON.parse(ours.stdout) as typeof turbo;
    const fields = (t: (typeof turbo.tasks)[number]): unknown[] => [
      t.taskId,
      t.hash,
      t.hashReason,
      t.inputs,
      t.cache,
    ];
    expect(record.tasks.map(fields)).toEqual(turbo.tasks.map(fields));
    const deferred = turbo.tasks.filter((t) => (t.hash as string | null) === null);
    expect(deferred.map((t) => t.taskId)).toEqual([
      "a#build",
      "a#check",
      "a#lint",
      "b#build",
      "b#check",
      "b#lint",
    ]);
    expect(ours.stderr).toContain("deferred inputs");
  });

  it("runs deferred tasks without the cache, as their hash is not computed yet", async () => {
    const root = await deferredRepo();
    const first = await runTurbine(root, ["run", "build"]);
    expect(first.code, first.stderr).toBe(0);
    const second = await runTurbine(root, ["run", "build"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("a:build: cache bypass, force executing");
    expect(second.stdout).toContain("a:build: built");
  });
});
