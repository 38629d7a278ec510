import { rm } from "node:fs/promises";
import { join } from "node:path";

import {
  type RemoteCacheServer,
  runTurbo,
  startRemoteCacheServer,
  useTempRepos,
} from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

import { signedRemoteEnv } from "./support/remote-env.js";
import { runTurbine } from "./support/turbine.js";

// These tests spawn turbo, npm and servers on a shared 2-core machine.

const create = useTempRepos();
let server: RemoteCacheServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe("one signed remote cache shared with turbo", () => {
  it("serves turbo's uploads to turbine and turbine's uploads to turbo", async () => {
    server = await startRemoteCacheServer();
    const env = signedRemoteEnv(server);
    const repo = await create({
      packages: [
        {
          name: "a",
          dependencies: { b: "*" },
          scripts: {
            build:
              "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/a.txt','a')\"",
          },
        },
        { name: "b", scripts: { build: "node -e \"console.log('b')\"" } },
      ],
      turbo: {
        remoteCache: { signature: true },
        tasks: { build: { dependsOn: ["^build"], outputs: ["dist/**"] } },
      },
      files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
    });
    const clearLocal = async (): Promise<void> => {
      await rm(join(repo.root, ".turbo"), { recursive: true, force: true });
      await rm(join(repo.root, "packages/a/dist"), { recursive: true, force: true });
    };

    const uploaded = await runTurbo(repo.root, ["run", "build"], { env });
    expect(uploaded.stdout).toContain("Remote caching enabled");
    await clearLocal();
    const fromTurbo = await runTurbine(repo.root, ["run", "build"], env);
    expect(fromTurbo.code).toBe(0);
    expect(fromTurbo.stdout).toContain("   \u2022 Remote caching enabled");
    expect(fromTurbo.stdout).toContain(">>> FULL TURBO");
    expect(await repo.read("packages/a/dist/a.txt")).toBe("a");

    await repo.write("packages/b/input.txt", "changed");
    const built = await runTurbine(repo.root, ["run", "build"], env);
    expect(built.stdout).toContain("Cached:    0 cached, 2 total");
    await clearLocal();
    const fromTurbine = await runTurbo(repo.root, ["run", "build"], { env });
    expect(fromTurbine.stdout).toContain(">>> FULL TURBO");
    expect(await repo.read("packages/a/dist/a.txt")).toBe("a");
  });

  it("says remote caching is disabled by flags with --cache=local:rw", async () => {
    server = await startRemoteCacheServer();
    const env = { TURBO_API: server.url, TURBO_TOKEN: server.token, TURBO_TEAMID: server.team };
    const repo = await create({
      packages: [{ name: "a", scripts: { build: "echo a" } }],
      turbo: { tasks: { build: {} } },
    });
    const ours = await runTurbine(repo.root, ["run", "build", "--cache=local:rw"], env);
    const theirs = await runTurbo(repo.root, ["run", "build", "--cache=local:rw"], { env });
    expect(ours.stdout).toContain("   \u2022 Remote caching disabled (by flags)");
    expect(theirs.stdout).toContain("   \u2022 Remote caching disabled (by flags)");
  });
});
