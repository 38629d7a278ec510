import { execFileSync } from "node:child_process";
import { lstat, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { Cache, type CacheEvent } from "@turbine/cache";
import { LocalCache, parseManifest } from "@turbine/cache/internal";
import { afterEach, describe, expect, it } from "vitest";

import { MemoryRemote } from "./support/memory-remote.js";
import {
  removeSampleOutputs,
  SAMPLE_PATHS,
  snapshot,
  tempDir,
  writeSampleOutputs,
} from "./support/sample-outputs.js";

const HASH = "abcdef0123456789";

describe("LocalCache", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  async function stored() {
    const root = await tempDir();
    dirs.push(root);
    const cache = await LocalCache.create({ repoRoot: root });
    await writeSampleOutputs(root);
    await cache.put(HASH, { paths: SAMPLE_PATHS, durationMs: 250, sha: null, dirtyHash: null });
    return { root, cache, files: cache.files(HASH), before: await snapshot(root, SAMPLE_PATHS) };
  }

  const mtimeOf = async (path: string) => (await stat(path, { bigint: true })).mtimeNs;

  it("stores an entry as turbo's three files and nothing else", async () => {
    const { cache, files } = await stored();
    expect((await readdir(cache.cacheDir)).sort()).toEqual(
      [`${HASH}-manifest.json`, `${HASH}-meta.json`, `${HASH}.tar.zst`].sort(),
    );
    expect(await readFile(files.meta, "utf8")).toBe(
      `{"hash":"${HASH}","duration":250,"sha":null,"dirty_hash":null}`,
    );
  });

  it("records a manifest with directory mode 0, file modes and the link target", async () => {
    const { files } = await stored();
    const manifest = parseManifest(await readFile(files.manifest, "utf8"));
    expect(manifest?.order).toEqual(SAMPLE_PATHS);
    expect(manifest?.files.get("packages/a/dist")).toMatchObject({ isDir: true, mode: 0 });
    expect(manifest?.files.get("packages/a/dist/index.js")).toMatchObject({ mode: 0o755 });
    expect(manifest?.files.get("packages/a/dist/link.js")).toMatchObject({ isSymlink: true });
    expect(manifest?.linkTargets.get("packages/a/dist/link.js")).toBe("index.js");
  });

  it("hits with turbo's minimal meta of only hash and duration", async () => {
    const { root, cache, files, before } = await stored();
    await writeFile(files.meta, `{"hash":"${HASH}","duration":9}`);
    await removeSampleOutputs(root);
    expect((await cache.fetch(HASH))?.durationMs).toBe(9);
    expect(await snapshot(root, SAMPLE_PATHS)).toEqual(before);
  });

  it("misses when meta.json is missing, even with the artifact present", async () => {
    const { cache, files } = await stored();
    await rm(files.meta);
    expect(await cache.read(HASH)).toEqual({ status: "miss" });
    expect(await cache.exists(HASH)).toBeUndefined();
  });

  it("misses when the artifact is missing, even with meta.json present", async () => {
    const { cache, files } = await stored();
    await rm(files.artifact);
    expect(await cache.read(HASH)).toEqual({ status: "miss" });
  });

  it("ignores an uncompressed <hash>.tar, as turbo 2.11.13 does", async () => {
    const { cache, files } = await stored();
    await rm(files.artifact);
    await writeFile(join(cache.cacheDir, `${HASH}.tar`), "tar bytes");
    expect(await cache.exists(HASH)).toBeUndefined();
  });

  it("leaves files that match the manifest untouched and rewrites the rest", async () => {
    const { root, cache, before } = await stored();
    const kept = join(root, "packages/a/dist/index.js");
    const keptMtime = await mtimeOf(kept);
    await writeFile(join(root, "packages/a/dist/sub/data.txt"), "changed\n");
    const hit = await cache.fetch(HASH);
    expect(hit?.written).toBe(SAMPLE_PATHS.length - 2); // index.js and the log were in place
    expect(await mtimeOf(kept)).toBe(keptMtime);
    expect(await snapshot(root, SAMPLE_PATHS)).toEqual(before);
  });

  it("skips the archive when every path still matches the manifest", async () => {
    const { root, cache, files } = await stored();
    await writeFile(files.artifact, "no longer an archive");
    const hit = await cache.fetch(HASH);
    expect(hit).toMatchObject({ source: "LOCAL", written: 0, files: SAMPLE_PATHS });
    await rm(join(root, "packages/a/dist/emptydir"), { recursive: true });
    expect((await cache.read(HASH)).status).toBe("error");
  });

  it("rewrites the manifest after a restore so the next hit is free", async () => {
    const { root, cache } = await stored();
    await removeSampleOutputs(root);
    expect((await cache.fetch(HASH))?.written).toBe(SAMPLE_PATHS.length);
    expect((await cache.fetch(HASH))?.written).toBe(0);
  });

  it("has the rewritten manifest on disk once flush() resolves, for the next process", async () => {
    const { root, cache } = await stored();
    await removeSampleOutputs(root);
    expect((await cache.fetch(HASH))?.written).toBe(SAMPLE_PATHS.length);
    await cache.flush();
    const next = await LocalCache.create({ repoRoot: root });
    expect((await next.fetch(HASH))?.written).toBe(0);
  });

  it("never writes the manifest through a link planted at its name", async () => {
    const { root, cache, files } = await stored();
    const outside = await tempDir();
    dirs.push(outside);
    const victim = join(outside, "victim.txt");
    await writeFile(victim, "keep me\n");
    await rm(files.manifest);
    await symlink(victim, files.manifest);
    await removeSampleOutputs(root);
    expect((await cache.fetch(HASH))?.written).toBe(SAMPLE_PATHS.length);
    expect(await readFile(victim, "utf8")).toBe("keep me\n");
    expect((await lstat(files.manifest)).isFile()).toBe(true);
    expect((await cache.fetch(HASH))?.written).toBe(0);
  });

  it("does not block on a FIFO planted at the manifest's name", async () => {
    const { root, cache, files } = await stored();
    await rm(files.manifest);
    execFileSync("mkfifo", [files.manifest]);
    await removeSampleOutputs(root);
    expect((await cache.fetch(HASH))?.written).toBe(SAMPLE_PATHS.length);
    expect((await lstat(files.manifest)).isFile()).toBe(true);
  });

  it("reports a corrupt local entry as a warning and falls back to the remote", async () => {
    const { root, files } = await stored();
    await writeFile(files.artifact, "corrupt");
    await removeSampleOutputs(root);
    const remote = new MemoryRemote();
    const events: CacheEvent[] = [];
    const cache = await Cache.create({ repoRoot: root, remote, onEvent: (e) => events.push(e) });
    expect(await cache.fetch(HASH)).toBeUndefined();
    expect(events[0]).toMatchObject({ type: "warning", code: "WARN_CACHE_LOCAL_READ", hash: HASH });
    expect(remote.calls).toEqual([`fetch ${HASH}`]);
  });

  it("refuses to pack a path that does not exist and leaves no file behind", async () => {
    const root = await tempDir();
    dirs.push(root);
    const cache = await LocalCache.create({ repoRoot: root });
    await expect(
      cache.put(HASH, { paths: ["packages/a/missing.txt"], durationMs: 1 }),
    ).rejects.toMatchObject({ code: "ERR_CACHE_PACK_FAILED" });
    expect(await readdir(cache.cacheDir)).toEqual([]);
  });

  it("resolves a relative cacheDir against the repo root", async () => {
    const root = await tempDir();
    dirs.push(root);
    const cache = await LocalCache.create({ repoRoot: root, cacheDir: "custom/cache" });
    expect(cache.cacheDir).toBe(join(root, "custom/cache"));
  });
});
