import { access, constants, realpath } from "node:fs/promises";

import { COMMANDS } from "@turbine/cli/internal";
import { runTurbo, type TempRepo, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine, runTurbineBin, TURBINE_BIN } from "./support/turbine.js";

// turbo 2.11.13's subcommands and `turbo ls`, against the real binary on the same repo.

const create = useTempRepos();

function pnpmRepo(): Promise<TempRepo> {
  return create({
    packageManager: "pnpm",
    root: { scripts: { check: "echo check" } },
    packages: [
      {
        name: "x",
        dependencies: { y: "workspace:*" },
        scripts: { build: "echo x", test: "echo test" },
      },
      { name: "y", dependencies: { z: "workspace:*" }, scripts: { lint: "eslint ." } },
      {
        name: "z",
        files: { "turbo.json": JSON.stringify({ extends: ["//"], tasks: { special: {} } }) },
      },
    ],
    turbo: { tasks: { build: { dependsOn: ["^build"] }, "y#deploy": {}, "//#check": {} } },
  });
}

/** turbo's subcommands (`turbo --help`, its completion list and the hidden ones). */
const TURBO_COMMANDS = [
  "bin",
  "boundaries",
  "completion",
  "config",
  "daemon",
  "devtools",
  "docs",
  "exec",
  "g",
  "gen",
  "generate",
  "get-mfe-port",
  "hook",
  "info",
  "link",
  "login",
  "logout",
  "ls",
  "prune",
  "query",
  "run",
  "scan",
  "setup",
  "telemetry",
  "unlink",
  "watch",
];

describe("turbo's subcommands", () => {
  it("registers every subcommand turbo 2.11.13 lists", async () => {
    const repo = await pnpmRepo();
    // turbo's own completion source lists its public commands.
    const listed = (await runTurbo(repo.root, ["__complete_word__"])).stdout.split("\n");
    const ours = new Set(COMMANDS.flatMap((c) => [c.name, ...c.aliases]));
    for (const name of listed.filter((n) => n !== "")) expect(TURBO_COMMANDS).toContain(name);
    for (const name of TURBO_COMMANDS) expect(ours.has(name)).toBe(true);
  });

  it("treats an unknown word as a task, as turbo does", async () => {
    const repo = await pnpmRepo();
    const theirs = await runTurbo(repo.root, ["nosuchtask"]);
    const ours = await runTurbine(repo.root, ["nosuchtask"]);
    expect(ours.code).toBe(theirs.code);
    expect(theirs.stderr).toContain("Could not find task `nosuchtask` in project");
    expect(ours.stderr).toContain("Could not find task `nosuchtask` in project");
  });

  it.each(TURBO_COMMANDS.filter((name) => !["run", "ls", "bin"].includes(name)))(
    "never takes `%s` for a task: it says it is not available and what to use",
    async (name) => {
      const repo = await pnpmRepo();
      const ours = await runTurbine(repo.root, [name, "build"]);
      expect(ours.stderr).not.toContain("Could not find task");
      if (name === "telemetry") {
        expect(ours.code).toBe(0);
        expect(ours.stdout).toContain("Turbine collects no telemetry");
        return;
      }
      expect(ours.code).toBe(1);
      const command = COMMANDS.find((c) => c.name === name || c.aliases.includes(name));
      expect(ours.stderr).toContain(`\`turbine ${command?.name ?? name}\` is not available yet`);
      expect(ours.stderr).toMatch(/help: .+/);
    },
  );

  it.each(["info", "telemetry", "completion"])(
    "turbo runs `%s` as a command too, never as a task",
    async (name) => {
      const repo = await pnpmRepo();
      const theirs = await runTurbo(repo.root, [name]);
      expect(theirs.stderr).not.toContain("Could not find task");
    },
  );

  it("prints the path of its executable for `bin`, as turbo prints its own", async () => {
    const repo = await pnpmRepo();
    const theirs = await runTurbo(repo.root, ["bin"]);
    const ours = await runTurbineBin(repo.root, ["bin"]);
    expect(ours.code).toBe(theirs.code);
    for (const result of [theirs, ours]) {
      expect(result.stdout).toMatch(/^\/\S+\n$/);
      await access(result.stdout.trim(), constants.X_OK);
    }
    expect(ours.stdout.trim()).toBe(await realpath(TURBINE_BIN));
    expect(ours.stderr).toBe("\u2022 turbine 0.1.0\n");
    expect(theirs.stderr).toContain("\u2022 turbo 2.11.13\n");
  });
});

describe("turbine ls prints what turbo ls prints", () => {
  it.each([
    [["ls"]],
    [["ls", "--output=json"]],
    [["ls", "x"]],
    [["ls", "y", "x", "z"]],
    [["ls", "z", "--output", "json"]],
    [["ls", "x", "y", "--output=json"]],
    [["ls", "--filter=!*"]],
    [["ls", "--filter=!*", "--output=json"]],
    [["ls", "--filter=y..."]],
  ])("%j", async (args) => {
    const repo = await pnpmRepo();
    const theirs = await runTurbo(repo.root, args);
    const ours = await runTurbine(repo.root, args);
    expect(ours.code).toBe(theirs.code);
    expect(ours.stdout).toBe(theirs.stdout);
  });

  it("lists every package from inside one, as turbo does", async () => {
    const repo = await pnpmRepo();
    const theirs = await runTurbo(repo.path("packages/x"), ["ls"]);
    const ours = await runTurbine(repo.path("packages/x"), ["ls"]);
    expect(ours.stdout).toBe(theirs.stdout);
  });

  it("fails for an unknown package with turbo's message", async () => {
    const repo = await pnpmRepo();
    const theirs = await runTurbo(repo.root, ["ls", "nosuch"]);
    const ours = await runTurbine(repo.root, ["ls", "nosuch"]);
    expect(ours.code).toBe(theirs.code);
    expect(theirs.stderr).toContain("Package `nosuch` not found.");
    expect(ours.stderr).toContain("Package `nosuch` not found.");
  });
});
