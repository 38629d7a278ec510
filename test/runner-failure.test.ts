import { type ExecResult, type RepoSpec, runTurbo, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// These tests spawn turbo, npm and servers on a shared 2-core machine.

/**
 * The closing block's counts and turbo's failure lines: what must match turbo exactly, but for
 * the run's ERROR line, where turbo leaves the command empty (`command  exited`) and Turbine
 * names it: the line is compared with the command taken out.
 */
function verdict(ran: ExecResult, root: string): string[] {
  const text = ran.stderr
    .replaceAll(root, "<repo>")
    .replace(/^( ERROR {2}run failed: command) \(.*\) \S+ run \S+ (exited)/m, "$1  $2");
  const out = ran.stdout.split("\n").filter((l) => /^ *(Tasks|Cached|Failed):/.test(l));
  const err = text
    .split("\n")
    .filter((l) => /^(\S+#\S+: {2}(ERROR|WARNING)| ERROR {2}run failed)/.test(l));
  return [`exit ${ran.code}`, ...out, ...err.sort()];
}

const create = useTempRepos();

const failing: RepoSpec = {
  packages: [
    { name: "a", dependencies: { b: "*" }, scripts: { build: "node -e \"console.log('a')\"" } },
    { name: "b", scripts: { build: "node -e \"console.log('b fails'); process.exit(3)\"" } },
    { name: "web", dependencies: { c: "*" }, scripts: { build: "node -e \"console.log('web')\"" } },
    { name: "c", scripts: { build: "node -e \"setTimeout(() => console.log('c'), 300)\"" } },
  ],
  turbo: { tasks: { build: { dependsOn: ["^build"] } } },
};

describe("a failing task", () => {
  it.each([
    ["never", ["--filter=a..."]],
    ["dependencies-successful", []],
    ["always", []],
  ])("ends like turbo with --continue=%s", async (mode, filter) => {
    const [mine, turbos] = await Promise.all([create(failing), create(failing)]);
    const args = ["run", "build", `--continue=${mode}`, ...filter];
    const ours = await runTurbine(mine.root, args);
    const theirs = await runTurbo(turbos.root, args);
    expect(verdict(ours, mine.root)).toEqual(verdict(theirs, turbos.root));
    expect(ours.code).toBe(3);
  });

  it("stops everything on the first failure without --continue and caches nothing from it", async () => {
    const repo = await create(failing);
    const first = await runTurbine(repo.root, ["run", "build", "--filter=a..."]);
    expect(first.code).toBe(3);
    expect(first.stdout).not.toContain("a:build:");
    expect(first.stderr).toMatch(
      /^b#build: {2}ERROR {2}command \(.*packages\/b\) \S*npm run build exited \(3\)$/m,
    );
    expect(first.stderr).toMatch(
      /^ ERROR {2}run failed: command \(.*packages\/b\) \S*npm run build exited \(3\)$/m,
    );
    const again = await runTurbine(repo.root, ["run", "build", "--filter=b"]);
    expect(again.stdout).toContain("b:build: cache miss, executing");
    const turbo = await runTurbo(repo.root, ["run", "build", "--filter=b"]);
    expect(turbo.stdout).toContain("b:build: cache miss, executing");
  });
});

describe("configuration errors", () => {
  it("rejects an unknown turbo.json key like turbo, with exit code 1", async () => {
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "echo a" } }],
      turbo: { tasks: { build: { outputz: [] } } },
    });
    const ours = await runTurbine(repo.root, ["run", "build"]);
    const theirs = await runTurbo(repo.root, ["run", "build"]);
    expect(ours.code).toBe(theirs.code);
    expect(theirs.stderr).toContain("Found an unknown key `outputz`.");
    expect(ours.stderr).toMatch(/ {2}x .*outputz/);
    expect(ours.stderr).toContain("turbo.json");
  });

  it("rejects a task no package or turbo.json knows, like turbo", async () => {
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "echo a" } }],
      turbo: { tasks: { build: {} } },
    });
    const ours = await runTurbine(repo.root, ["run", "lint"]);
    const theirs = await runTurbo(repo.root, ["run", "lint"]);
    expect(ours.code).toBe(theirs.code);
    expect(theirs.stderr).toContain("Could not find task `lint` in project");
    expect(ours.stderr).toContain("Could not find task `lint` in project");
  });
});
