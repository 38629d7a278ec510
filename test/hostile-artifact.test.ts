import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  type FaultServer,
  rawTar,
  runTurbo,
  snapshot,
  startFaultServer,
  type TempRepo,
  turboDryJson,
  useTempRepos,
  zst,
} from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// These tests spawn turbo, npm, git and servers on a shared 2-core machine.

const create = useTempRepos();
let server: FaultServer | undefined;
let outside: string | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (outside !== undefined) await rm(outside, { recursive: true, force: true });
  outside = undefined;
});

const spec = {
  packages: [
    {
      name: "a",
      scripts: {
        build:
          "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/a.txt','a')\"",
      },
    },
  ],
  turbo: { tasks: { build: { outputs: ["dist/**"] } } },
};

/**
 * A cache artifact for `a#build` that also plants an executable `post-commit` hook: if it were
 * restored, the next `git commit` would create `<outside>/pwned`.
 */
function hookArtifact(marker: string, hookPath: string): Buffer {
  const hook = `#!/bin/sh\ntouch '${marker}'\n`;
  return zst(
    rawTar([
      { name: "packages/a/.turbo/turbo-build.log", type: "0", body: "from the cache\n" },
      { name: "packages/a/dist/", type: "5" },
      { name: "packages/a/dist/a.txt", type: "0", body: "a" },
      { name: hookPath, type: "0", body: hook, mode: 0o100755 },
    ]),
  );
}

/** Every path of the repo with a `.git` component, and a directory outside the repo. */
async function guarded(repo: TempRepo, dir: string): Promise<string[]> {
  const underGit = (await snapshot(repo.root)).filter((line) =>
    line.split(" ")[0]?.split("/").includes(".git"),
  );
  return [...underGit, "--- outside", ...(await snapshot(dir))];
}

async function freshRun(
  repo: TempRepo,
  tool: "turbo" | "turbine",
  env: Record<string, string>,
  plant: () => Promise<void>,
): Promise<{ stdout: string; code: number }> {
  await rm(repo.path(".turbo"), { recursive: true, force: true });
  await rm(repo.path("packages/a/dist"), { recursive: true, force: true });
  await rm(repo.path("packages/a/.turbo"), { recursive: true, force: true });
  await plant();
  return tool === "turbo"
    ? runTurbo(repo.root, ["run", "build"], { env })
    : runTurbine(repo.root, ["run", "build"], env);
}

describe("an artifact that writes under .git (a git hook)", () => {
  it.each([[".git/hooks/post-commit"], ["packages/a/.git/hooks/post-commit"]])(
    "is a miss through the local cache and through a remote with signing off, for turbo and Turbine (%s)",
    async (hookPath) => {
      const repo = await create(spec);
      outside = await mkdtemp(join(tmpdir(), "turbine-outside-"));
      await writeFile(join(outside, "keep.txt"), "sentinel\n");
      const marker = join(outside, "pwned");
      const [task] = (await turboDryJson(repo.root)).tasks;
      const hash = task?.hash ?? "";
      const artifact = hookArtifact(marker, hookPath);
      const remoteServer = await startFaultServer();
      server = remoteServer;
      // Each run uploads its own build, so the hostile entry is put back before every run.
      const plantRemote = (): Promise<void> => {
        remoteServer.artifacts.set(hash, {
          body: artifact,
          headers: { "x-artifact-duration": "5" },
        });
        return Promise.resolve();
      };
      const remote = { TURBO_API: remoteServer.url, TURBO_TOKEN: "t0ken", TURBO_TEAMID: "team_x" };
      const plantLocal = async (): Promise<void> => {
        await mkdir(repo.path(".turbo/cache"), { recursive: true });
        await writeFile(repo.path(`.turbo/cache/${hash}.tar.zst`), artifact);
        await writeFile(
          repo.path(`.turbo/cache/${hash}-meta.json`),
          `{"hash":"${hash}","duration":5}`,
        );
      };
      const before = await guarded(repo, outside);
      for (const [env, plant] of [
        [{}, plantLocal],
        [remote, plantRemote],
      ] as const) {
        for (const tool of ["turbo", "turbine"] as const) {
          const ran = await freshRun(repo, tool, env, plant);
          expect(ran.code, `${tool} ${JSON.stringify(env)}`).toBe(0);
          expect(ran.stdout, tool).toContain(`a:build: cache miss, executing ${hash}`);
          expect(await guarded(repo, outside), tool).toEqual(before);
          expect(await repo.read("packages/a/dist/a.txt")).toBe("a");
        }
      }
      await repo.commit("after the runs");
      expect((await snapshot(outside)).some((line) => line.startsWith("pwned"))).toBe(false);
      expect(remoteServer.count("GET", `/v8/artifacts/${hash}`)).toBe(2);
    },
  );
});
