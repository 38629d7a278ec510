import { mkdir, readdir, symlink } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";

import {
  cleanEnv,
  exec,
  type ExecResult,
  runTurbo,
  type TempRepo,
  turboBinary,
  turboDryJson,
  useTempRepos,
} from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { runTurbine, runTurbineBin } from "./support/turbine.js";

// turbo 2.11.13's flags and run-time behaviours that Turbine used to refuse or do differently;
// each case runs the real turbo and Turbine on the same repo and compares what they print.

const create = useTempRepos();

async function npmRepo(): Promise<TempRepo> {
  return create({
    packages: [
      { name: "a", dependencies: { b: "*" }, scripts: { build: "echo a" } },
      { name: "b", scripts: { build: "echo b" } },
      { name: "web", scripts: { build: "echo web" } },
    ],
    turbo: { tasks: { build: { dependsOn: ["^build"] } } },
    files: { ".gitignore": "node_modules/\n.turbo/\nprofile.*\n" },
  });
}

/** The `WARNING` lines of stderr, without the one turbo prints about its global install. */
function warnings(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((line) => line.startsWith(" WARNING ") && !line.includes("locally installed"));
}

function scope(stdout: string): string | undefined {
  return /Packages in scope: .*/.exec(stdout)?.[0];
}

describe("flags turbo accepts", () => {
  it.each([
    ["--ui=stream"],
    ["--ui=tui"],
    ["--daemon"],
    ["--no-daemon"],
    ["--no-cache"],
    ["--parallel"],
    ["--remote-only"],
    ["--profile"],
    ["--anon-profile=anon.trace"],
    ["--root-turbo-json=turbo.json"],
    ["--verbosity=1"],
    ["-v"],
    ["-vv"],
    ["--login=https://example.invalid"],
    ["--skip-infer"],
    ["--no-update-notifier"],
    ["--dangerously-disable-package-manager-check"],
  ])("accepts %s with turbo's exit status, scope and warnings", async (flag) => {
    const repo = await npmRepo();
    const theirs = await runTurbo(repo.root, ["run", "build", flag]);
    const ours = await runTurbine(repo.root, ["run", "build", flag]);
    expect(ours.code).toBe(theirs.code);
    expect(ours.code).toBe(0);
    expect(scope(ours.stdout)).toBe(scope(theirs.stdout));
    for (const warning of warnings(theirs.stderr).filter((w) => !w.includes("configuration"))) {
      expect(warnings(ours.stderr)).toContain(warning);
    }
  });

  it("writes a trace for --profile where turbo writes its profile", async () => {
    const repo = await npmRepo();
    await runTurbine(repo.root, ["run", "build", "--profile=run.trace"]);
    const names = await readdir(repo.root);
    expect(names).toContain("run.trace");
    const trace = JSON.parse(await repo.read("run.trace")) as { name: string; ph: string }[];
    expect(
      trace
        .filter((e) => e.ph === "X")
        .map((e) => e.name)
        .sort(),
    ).toEqual(["a#build", "b#build", "web#build"]);
  });

  it("infers the package from --pkg-inference-root as turbo does", async () => {
    const repo = await npmRepo();
    const args = ["run", "build", "--pkg-inference-root=packages/a"];
    const theirs = await runTurbo(repo.root, args);
    const ours = await runTurbine(repo.root, args);
    expect(scope(theirs.stdout)).toBe("Packages in scope: a");
    expect(scope(ours.stdout)).toBe(scope(theirs.stdout));
  });

  it("reads --root-turbo-json instead of the repo's turbo.json", async () => {
    const repo = await npmRepo();
    await repo.write(
      "config/alt.json",
      JSON.stringify({ tasks: { build: { outputs: ["out/**"] } } }),
    );
    const args = ["run", "build", "--root-turbo-json=config/alt.json"];
    const theirs = await turboDryJson(repo.root, args);
    const ours = JSON.parse((await runTurbine(repo.root, [...args, "--dry=json"])).stdout) as {
      tasks: { taskId: string; hash: string; outputs: unknown }[];
    };
    expect(ours.tasks.map((t) => [t.taskId, t.hash, t.outputs])).toEqual(
      theirs.tasks.map((t) => [t.taskId, t.hash, t.outputs]),
    );
    const missing = ["run", "build", "--root-turbo-json=nope.json"];
    const turboMissing = await runTurbo(repo.root, missing);
    const oursMissing = await runTurbine(repo.root, missing);
    expect(oursMissing.code).toBe(turboMissing.code);
    expect(oursMissing.stderr).toContain(
      `Unable to read repository configuration ${join(repo.root, "nope.json")}: configuration does not exist`,
    );
  });
});

describe("--cwd", () => {
  it("runs every package, as turbo does, where starting inside a package runs that one", async () => {
    const repo = await npmRepo();
    const fromRoot = ["run", "build", "--cwd", "packages/a"];
    const theirs = await runTurbo(repo.root, fromRoot);
    const ours = await runTurbine(repo.root, fromRoot);
    expect(scope(theirs.stdout)).toBe("Packages in scope: a, b, web");
    expect(scope(ours.stdout)).toBe(scope(theirs.stdout));
    const inside = await runTurbine(repo.path("packages/a"), ["run", "build"]);
    const turboInside = await runTurbo(repo.path("packages/a"), ["run", "build"]);
    expect(scope(inside.stdout)).toBe(scope(turboInside.stdout));
    expect(scope(inside.stdout)).toBe("Packages in scope: a");
  });
});

describe("--filter with a directory", () => {
  it.each([["run", "build"], ["ls"]])(
    "fails for a directory that does not exist, as turbo does (%s)",
    async (...command) => {
      const repo = await npmRepo();
      const args = [...command, "--filter=./apps/*"];
      const theirs = await runTurbo(repo.root, args);
      const ours = await runTurbine(repo.root, args);
      expect(ours.code).toBe(theirs.code);
      expect(ours.code).toBe(1);
      const message = `Directory '${repo.root}/apps' specified in filter does not exist`;
      expect(theirs.stderr.replace(/\n {2}\| /g, " ")).toContain(message);
      expect(ours.stderr).toContain(message);
    },
  );
});

describe("an unreachable remote cache", () => {
  it("is a WARNING on stderr, not a banner line on stdout, as turbo prints it", async () => {
    const repo = await npmRepo();
    const env = {
      TURBO_API: `http://127.0.0.1:${await closedPort()}`,
      TURBO_TOKEN: "t",
      TURBO_TEAM: "x",
    };
    const args = ["run", "build", "--filter=b"];
    const theirs = await runTurbo(repo.root, args, { env });
    const ours = await runTurbine(repo.root, args, env);
    const banner = ' WARNING     \u2022 Remote caching unavailable (Could not connect to "';
    expect(theirs.stderr).toContain(banner);
    expect(ours.stderr).toContain(banner);
    const header = (r: ExecResult): string[] => r.stdout.split("\n").slice(2, 5);
    expect(header(ours)).toEqual(header(theirs));
    expect(ours.stdout).not.toContain("Remote caching");
    expect(ours.code).toBe(theirs.code);
  });
});

describe("a missing package manager", () => {
  it("fails the run once, up front, with turbo's message", async () => {
    const repo = await npmRepo();
    // PATH with git and a shell, but no npm.
    const bin = repo.path(".bin-without-npm");
    await mkdir(bin);
    for (const tool of ["git", "sh"]) await symlink(await which(tool), join(bin, tool));
    const env = { PATH: bin };
    const theirs = await exec(await turboBinary(), ["run", "build"], {
      cwd: repo.root,
      env: cleanEnv(env),
    });
    const ours = await runTurbineBin(repo.root, ["run", "build"], env);
    const message = "Unable to find package manager binary: cannot find binary path";
    expect(theirs.stderr).toContain(message);
    expect(ours.stderr).toContain(message);
    expect(ours.code).toBe(theirs.code);
    expect(ours.stdout).not.toContain("cache miss");
    expect(ours.stderr).not.toContain("ENOENT");
  });
});

async function which(tool: string): Promise<string> {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const names = await readdir(dir).catch(() => [] as string[]);
    if (names.includes(tool)) return join(dir, tool);
  }
  throw new Error(`${tool} is not on PATH`);
}

/** A localhost port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
