import { runTurbo, turboDryJson, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

describe("real turbo helper", () => {
  const create = useTempRepos();

  it("runs turbo 2.11.13 and parses its dry-run JSON", async () => {
    const repo = await create({
      packages: [
        { name: "a", dependencies: { b: "*" }, scripts: { build: "echo a" } },
        { name: "b", scripts: { build: "echo b" } },
      ],
      turbo: { tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] } } },
    });
    const version = await runTurbo(repo.root, ["--version"]);
    expect(version.stdout.trim()).toBe("2.11.13");

    const dry = await turboDryJson(repo.root, ["run", "build"]);
    expect(dry.turboVersion).toBe("2.11.13");
    const byId = new Map(dry.tasks.map((t) => [t.taskId, t]));
    expect([...byId.keys()].sort()).toEqual(["a#build", "b#build"]);
    expect(byId.get("a#build")?.dependencies).toEqual(["b#build"]);
    expect(byId.get("a#build")?.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(byId.get("b#build")?.inputs ?? {})).toEqual(["package.json"]);
  });

  it("runs a build and reports a full cache hit the second time", async () => {
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "node -e \"console.log('built')\"" } }],
      turbo: { tasks: { build: {} } },
    });
    const first = await runTurbo(repo.root, ["run", "build"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("a:build: cache miss, executing");
    const second = await runTurbo(repo.root, ["run", "build"]);
    expect(second.stdout).toContain("a:build: cache hit, replaying logs");
    expect(second.stdout).toContain(">>> FULL TURBO");
  });
});
