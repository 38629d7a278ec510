import { lstat, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { zstdDecompressSync } from "node:zlib";

import { writeArtifactFile } from "@turbine/artifact";
import { packTar, restoreArtifact } from "@turbine/artifact/internal";
import { runTurbo, snapshot, type TempRepo, useTempRepos } from "@turbine/test-utils";
import { describe, expect, it } from "vitest";

import { fromBytes } from "./helpers/restore-helpers.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const createRepo = useTempRepos();
const tempDir = useTempDirs();

const BUILD = `const fs = require("fs");
fs.rmSync("dist", { recursive: true, force: true });
fs.mkdirSync("dist/sub", { recursive: true });
fs.mkdirSync("dist/emptydir");
fs.writeFileSync("dist/index.js", "console.log('a');\\n");
fs.chmodSync("dist/index.js", 0o755);
fs.writeFileSync("dist/sub/data.txt", "hello world\\n");
fs.symlinkSync("index.js", "dist/link.js");
console.log("built a");
`;

async function builtRepo(): Promise<{ repo: TempRepo; hash: string }> {
  const repo = await createRepo({
    packages: [{ name: "a", scripts: { build: "node build.js" }, files: { "build.js": BUILD } }],
    turbo: {
      $schema: "https://turborepo.com/schema.json",
      tasks: { build: { outputs: ["dist/**"] } },
    },
    files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
  });
  const run = await runTurbo(repo.root, ["run", "build"]);
  expect(run.code, run.stderr).toBe(0);
  const cached = (await readdir(repo.path(".turbo/cache"))).filter((n) => n.endsWith(".tar.zst"));
  expect(cached).toHaveLength(1);
  return { repo, hash: (cached[0] as string).replace(".tar.zst", "") };
}

/** What turbo caches for `a#build`: the log plus every match of `dist/**`, dist included. */
async function outputPaths(root: string): Promise<string[]> {
  const out = ["packages/a/.turbo/turbo-build.log"];
  const walk = async (rel: string): Promise<void> => {
    out.push(rel);
    if (!(await lstat(path.join(root, rel))).isDirectory()) return;
    for (const name of await readdir(path.join(root, rel))) await walk(`${rel}/${name}`);
  };
  await walk("packages/a/dist");
  return out;
}

describe("interop with the real turbo 2.11.13", () => {
  it("packs the same outputs into the same tar bytes as turbo", async () => {
    const { repo, hash } = await builtRepo();
    const turboTar = zstdDecompressSync(await readFile(repo.path(`.turbo/cache/${hash}.tar.zst`)));
    const ours = await buffer(packTar({ anchor: repo.root, paths: await outputPaths(repo.root) }));
    expect(ours.length).toBe(turboTar.length);
    expect(ours.equals(turboTar)).toBe(true);
  });

  it("restores turbo's fresh artifact into the same tree turbo produced", async () => {
    const { repo, hash } = await builtRepo();
    const dest = await tempDir();
    await restoreArtifact(fromBytes(await readFile(repo.path(`.turbo/cache/${hash}.tar.zst`))), {
      anchor: dest,
    });
    const expected = (await snapshot(repo.root)).filter((l) =>
      /^packages\/a\/(dist|\.turbo\/turbo-build\.log)/.test(l),
    );
    const actual = (await snapshot(dest)).filter(
      (l) =>
        l.startsWith("packages/a/") && l !== "packages/a/ 755" && l !== "packages/a/.turbo/ 755",
    );
    expect(expected).toHaveLength(7);
    expect(actual).toEqual(expected);
  });

  it("turbo restores an artifact Turbine packed (cache hit, Turbine's bytes on disk)", async () => {
    const { repo, hash } = await builtRepo();
    const marker = "packed by turbine\n";
    await writeFile(repo.path("packages/a/dist/sub/data.txt"), marker);
    const cacheDir = repo.path(".turbo/cache");
    for (const name of await readdir(cacheDir)) await rm(path.join(cacheDir, name));
    await writeArtifactFile(
      { anchor: repo.root, paths: await outputPaths(repo.root) },
      path.join(cacheDir, `${hash}.tar.zst`),
    );
    await writeFile(
      path.join(cacheDir, `${hash}-meta.json`),
      JSON.stringify({ hash, duration: 0 }),
    );
    await rm(repo.path("packages/a/dist"), { recursive: true });
    await rm(repo.path("packages/a/.turbo"), { recursive: true });

    const run = await runTurbo(repo.root, ["run", "build"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/cache hit/);
    expect(await repo.read("packages/a/dist/sub/data.txt")).toBe(marker);
    expect((await lstat(repo.path("packages/a/dist/index.js"))).mode & 0o777).toBe(0o755);
    expect((await lstat(repo.path("packages/a/dist/link.js"))).isSymbolicLink()).toBe(true);
    expect((await lstat(repo.path("packages/a/dist/emptydir"))).isDirectory()).toBe(true);
  });
});
