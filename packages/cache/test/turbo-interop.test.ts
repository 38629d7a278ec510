import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { zstdDecompressSync } from "node:zlib";

import { parseMeta } from "@turbine/cache";
import { LocalCache, parseManifest } from "@turbine/cache/internal";
import { createTempRepo, runTurbo, type TempRepo, turboDryJson } from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

import { snapshot } from "./support/sample-outputs.js";

const BUILD = `
const fs = require("fs");
fs.mkdirSync("dist/sub", { recursive: true });
fs.mkdirSync("dist/emptydir", { recursive: true });
fs.writeFileSync("dist/index.js", "console.log('a');\\n", { mode: 0o755 });
fs.chmodSync("dist/index.js", 0o755);
fs.writeFileSync("dist/sub/data.txt", "some data\\n");
if (!fs.existsSync("dist/link.js")) fs.symlinkSync("index.js", "dist/link.js");
console.log("built a");
`;

const OUTPUTS = [
  "packages/a/.turbo/turbo-build.log",
  "packages/a/dist",
  "packages/a/dist/emptydir",
  "packages/a/dist/index.js",
  "packages/a/dist/link.js",
  "packages/a/dist/sub",
  "packages/a/dist/sub/data.txt",
];

describe("interop with turbo 2.11.13's local cache", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.cleanup();
    repo = undefined;
  });

  async function builtRepo() {
    repo = await createTempRepo({
      packages: [{ name: "a", scripts: { build: "node build.js" }, files: { "build.js": BUILD } }],
      turbo: { tasks: { build: { outputs: ["dist/**"] } } },
      files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
    });
    const dry = await turboDryJson(repo.root);
    const hash = dry.tasks.find((t) => t.taskId === "a#build")?.hash ?? "";
    const run = await runTurbo(repo.root, ["run", "build"]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const cacheDir = join(repo.root, ".turbo/cache");
    expect(await readdir(cacheDir)).toContain(`${hash}-meta.json`);
    const sha = (await repo.git("rev-parse", "HEAD")).trim();
    return { root: repo.root, hash, cacheDir, sha, before: await snapshot(repo.root, OUTPUTS) };
  }

  const removeOutputs = async (root: string) => {
    await rm(join(root, "packages/a/dist"), { recursive: true, force: true });
    await rm(join(root, "packages/a/.turbo"), { recursive: true, force: true });
  };

  it("restores an entry turbo wrote, identically", async () => {
    const { root, hash, cacheDir, before } = await builtRepo();
    const meta = parseMeta(await readFile(join(cacheDir, `${hash}-meta.json`), "utf8"));
    await removeOutputs(root);
    const cache = await LocalCache.create({ repoRoot: root });
    const hit = await cache.fetch(hash);
    expect(hit).toMatchObject({ source: "LOCAL", durationMs: meta?.durationMs, files: OUTPUTS });
    expect(await snapshot(root, OUTPUTS)).toEqual(before);
    expect(before["packages/a/dist/index.js"]).toMatch(/^file 755 /);
  });

  it("skips rewriting outputs that still match turbo's manifest", async () => {
    const { root, hash } = await builtRepo();
    const mtime = (await stat(join(root, "packages/a/dist/index.js"), { bigint: true })).mtimeNs;
    const cache = await LocalCache.create({ repoRoot: root });
    const hit = await cache.fetch(hash);
    expect(hit?.written).toBe(0);
    expect(hit?.files).toEqual(OUTPUTS);
    expect((await stat(join(root, "packages/a/dist/index.js"), { bigint: true })).mtimeNs).toBe(
      mtime,
    );
  });

  it("writes an entry turbo replays as a cache hit", async () => {
    const { root, hash, cacheDir, sha, before } = await builtRepo();
    const turboMeta = await readFile(join(cacheDir, `${hash}-meta.json`), "utf8");
    const turboManifest = parseManifest(
      await readFile(join(cacheDir, `${hash}-manifest.json`), "utf8"),
    );
    const turboTar = zstdDecompressSync(await readFile(join(cacheDir, `${hash}.tar.zst`)));
    await rm(cacheDir, { recursive: true });

    const cache = await LocalCache.create({ repoRoot: root });
    await cache.put(hash, { paths: OUTPUTS, durationMs: 4321, sha, dirtyHash: null });
    const ours = await readFile(join(cacheDir, `${hash}-meta.json`), "utf8");
    expect(ours).toBe(turboMeta.replace(/"duration":\d+/, '"duration":4321'));
    const ourManifest = parseManifest(
      await readFile(join(cacheDir, `${hash}-manifest.json`), "utf8"),
    );
    expect(ourManifest).toEqual(turboManifest);
    expect(
      zstdDecompressSync(await readFile(join(cacheDir, `${hash}.tar.zst`))).equals(turboTar),
    ).toBe(true);

    await removeOutputs(root);
    const replay = await runTurbo(root, ["run", "build"]);
    expect(replay.code, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toContain(`cache hit, replaying logs ${hash}`);
    expect(replay.stdout).toContain("built a");
    expect(await snapshot(root, OUTPUTS)).toEqual(before);
  });
});
