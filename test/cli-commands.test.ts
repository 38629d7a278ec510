import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";

import {
  cleanEnv,
  createTempRepo,
  exec,
  type ExecResult,
  type RemoteCacheServer,
  runTurbo,
  startRemoteCacheServer,
  type TempRepo,
  turbineRoot,
  useTempRepos,
} from "@turbine/test-utils";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { signedRemoteEnv } from "./support/remote-env.js";
import { runTurbine } from "./support/turbine.js";

// These tests spawn turbo, npm and servers on a shared 2-core machine.

function withoutProduct(stdout: string): string {
  return stdout.replace(/^ {3}\u2022 (turbo|turbine) \S+$/m, "   \u2022 <product>");
}

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({
    root: { scripts: { check: "echo root-check" } },
    packages: [
      { name: "a", dependencies: { b: "*" }, scripts: { build: "echo a", test: "echo test" } },
      { name: "b", scripts: { build: "echo b" } },
      { name: "web", scripts: { build: "echo web", dev: "echo dev" } },
    ],
    turbo: {
      globalEnv: ["CI_*"],
      tasks: {
        build: { dependsOn: ["^build"], outputs: ["dist/**"] },
        test: { dependsOn: ["build"] },
        dev: { cache: false },
        "//#check": {},
      },
    },
  });
});
afterAll(async () => {
  await repo.cleanup();
});

describe("turbine commands print what turbo prints", () => {
  it.each([
    [["run", "build", "test", "--graph"]],
    [["ls"]],
    [["ls", "--output", "json"]],
    [["ls", "--filter", "a..."]],
    [["run", "build", "test", "--dry"]],
    [["run", "dev", "--dry"]],
    [["run", "web#build", "--dry"]],
    [["run", "check", "--dry"]],
    [["run"]],
  ])("turbine %j", async (args) => {
    const ours = await runTurbine(repo.root, args);
    const theirs = await runTurbo(repo.root, args);
    expect(ours.code).toBe(theirs.code);
    expect(withoutProduct(ours.stdout)).toBe(withoutProduct(theirs.stdout));
  });

  it("prints --dry=json byte for byte, apart from the run id and version", async () => {
    const args = ["run", "build", "check", "--dry=json"];
    const mask = (text: string): string =>
      text
        .replace(/"id": "\w+"/, '"id": "<id>"')
        .replace(/"turboVersion": "[^"]+"/, '"turboVersion": "<v>"');
    const ours = await runTurbine(repo.root, args);
    const theirs = await runTurbo(repo.root, args);
    expect(mask(ours.stdout)).toBe(mask(theirs.stdout));
  });

  it("writes a mermaid file for --graph=<file>.mermaid", async () => {
    const ours = await runTurbine(repo.root, ["run", "build", "--graph=graph.mermaid"]);
    expect(ours.stdout).toBe(
      `\n\u2713 Generated task graph in ${join(repo.root, "graph.mermaid")}\n`,
    );
    const text = await readFile(join(repo.root, "graph.mermaid"), "utf8");
    expect(text.startsWith("graph TD\n")).toBe(true);
    expect(text).toContain('("a#build") --> ');
  });
});

const create = useTempRepos();

describe("other repo shapes", () => {
  it("matches turbo's --dry=json in single-package mode", async () => {
    const single = await create({
      root: { name: "solo", scripts: { build: "echo hi", lint: "echo lint" } },
      turbo: { tasks: { build: { outputs: ["out/**"] }, lint: { dependsOn: ["build"] } } },
      files: { "src/index.js": "1" },
    });
    const ours = JSON.parse(
      (await runTurbine(single.root, ["run", "lint", "--dry=json"])).stdout,
    ) as Record<string, unknown>;
    const theirs = JSON.parse(
      (await runTurbo(single.root, ["run", "lint", "--dry=json"])).stdout,
    ) as Record<string, unknown>;
    for (const doc of [ours, theirs]) {
      delete doc.id;
      delete doc.turboVersion;
    }
    expect(ours).toEqual(theirs);
  });

  it("matches turbo's --dry=json on a pnpm workspace", async () => {
    const pnpm = await create({
      packageManager: "pnpm",
      packages: [
        { name: "a", dependencies: { b: "workspace:*" }, scripts: { build: "echo a" } },
        { name: "b", scripts: { build: "echo b" } },
      ],
      turbo: { tasks: { build: { dependsOn: ["^build"] } } },
    });
    const ours = JSON.parse(
      (await runTurbine(pnpm.root, ["run", "build", "--dry=json"])).stdout,
    ) as Record<string, unknown>;
    const theirs = JSON.parse(
      (await runTurbo(pnpm.root, ["run", "build", "--dry=json"])).stdout,
    ) as Record<string, unknown>;
    for (const doc of [ours, theirs]) {
      delete doc.id;
      delete doc.turboVersion;
    }
    expect(ours).toEqual(theirs);
  });
});

describe("the turbine bin", () => {
  // bin/turbine.js runs the rolldown bundle (dist/bundle/); the other tests call the unbundled
  // `main` in-process. These check that what Turbine loads on first use made it into the bundle.
  const bin = join(turbineRoot(), "packages/cli/bin/turbine.js");
  const runBin = (
    cwd: string,
    args: readonly string[],
    env: Readonly<Record<string, string>> = {},
  ): Promise<ExecResult> => exec(process.execPath, [bin, ...args], { cwd, env: cleanEnv(env) });
  const withoutId = (text: string): string => text.replace(/"id": "\w+"/, '"id": "<id>"');
  let server: RemoteCacheServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("prints --version and --help like the in-process CLI", async () => {
    for (const args of [["--version"], ["--help"]]) {
      const bundled = await runBin(repo.root, args);
      const inProcess = await runTurbine(repo.root, args);
      expect(bundled).toEqual(inProcess);
    }
  });

  it.each(["pnpm", "yarn"] as const)(
    "prints the in-process CLI's --dry=json on a %s workspace (yaml, semver, yarn.lock)",
    async (packageManager) => {
      const ws = await create({
        packageManager,
        packages: [
          {
            name: "a",
            dependencies: {
              b: packageManager === "pnpm" ? "workspace:*" : "*",
              "is-number": "^6.0.0",
            },
            scripts: { build: "echo a" },
          },
          { name: "b", scripts: { build: "echo b" } },
        ],
        turbo: { tasks: { build: { dependsOn: ["^build"] } } },
      });
      const args = ["run", "build", "--dry=json"];
      const bundled = await runBin(ws.root, args);
      const inProcess = await runTurbine(ws.root, args);
      expect(bundled.stderr).toBe("");
      expect(bundled.code).toBe(0);
      expect(withoutId(bundled.stdout)).toBe(withoutId(inProcess.stdout));
    },
  );

  it("uploads to and restores from a remote cache (undici)", async () => {
    server = await startRemoteCacheServer();
    const env = signedRemoteEnv(server);
    const remote = await create({
      packages: [
        {
          name: "a",
          scripts: {
            build:
              "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/a.txt','a')\"",
          },
        },
      ],
      turbo: { remoteCache: { signature: true }, tasks: { build: { outputs: ["dist/**"] } } },
      files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
    });
    const built = await runBin(remote.root, ["run", "build"], env);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain("   \u2022 Remote caching enabled");
    await rm(join(remote.root, ".turbo"), { recursive: true, force: true });
    await rm(join(remote.root, "packages/a/dist"), { recursive: true, force: true });
    const restored = await runBin(remote.root, ["run", "build"], env);
    expect(restored.stderr).toBe("");
    expect(restored.stdout).toContain(">>> FULL TURBO");
    expect(await remote.read("packages/a/dist/a.txt")).toBe("a");
  });
});
