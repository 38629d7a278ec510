import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

import { Cache, type CacheConfig, type CacheEvent } from "@turbine/cache";
import { parseManifest } from "@turbine/cache/internal";
import { afterEach, describe, expect, it } from "vitest";

import { MemoryRemote } from "./support/memory-remote.js";
import {
  removeSampleOutputs,
  SAMPLE_PATHS,
  snapshot,
  tempDir,
  writeSampleOutputs,
} from "./support/sample-outputs.js";

const HASH = "0123456789abcdef";
const SHA = "93000e47d64890ee22f6795793abf49dc6d82cf2";

function config(text: string): CacheConfig {
  const has = (side: string, action: string) =>
    text
      .split(",")
      .some((s) => s.startsWith(`${side}:`) && s.slice(side.length + 1).includes(action));
  return {
    local: { read: has("local", "r"), write: has("local", "w") },
    remote: { read: has("remote", "r"), write: has("remote", "w") },
  };
}

describe("Cache (local + remote multiplexer)", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  async function setup(cacheConfig: string, remote = new MemoryRemote(), extra = {}) {
    const repoRoot = await tempDir();
    const tmp = await tempDir();
    dirs.push(repoRoot, tmp);
    const events: CacheEvent[] = [];
    const cache = await Cache.create({
      repoRoot,
      cacheConfig: config(cacheConfig),
      remote,
      tempDir: tmp,
      gitState: { sha: SHA, dirtyHash: null },
      onEvent: (e) => events.push(e),
      ...extra,
    });
    return { cache, remote, repoRoot, tmp, events, cacheDir: join(repoRoot, ".turbo/cache") };
  }

  async function seedRemote(remote: MemoryRemote, durationMs = 777) {
    const seed = await setup("remote:w", remote);
    await writeSampleOutputs(seed.repoRoot);
    await seed.cache.put(HASH, { paths: SAMPLE_PATHS, durationMs });
    await seed.cache.close();
    return snapshot(seed.repoRoot, SAMPLE_PATHS);
  }

  it("serves a local hit without asking the remote", async () => {
    const { cache, remote, repoRoot } = await setup("local:rw,remote:rw");
    await writeSampleOutputs(repoRoot);
    await cache.put(HASH, { paths: SAMPLE_PATHS, durationMs: 5 });
    await cache.flush();
    remote.calls.length = 0;
    expect((await cache.fetch(HASH))?.source).toBe("LOCAL");
    expect(remote.calls).toEqual([]);
    expect(remote.events).toEqual([{ source: "LOCAL", event: "HIT", hash: HASH, duration: 5 }]);
  });

  it("restores a remote hit and keeps the same bytes locally with the remote duration", async () => {
    const remote = new MemoryRemote();
    const expected = await seedRemote(remote, 777);
    const { cache, repoRoot, cacheDir } = await setup("local:rw,remote:rw", remote);
    const hit = await cache.fetch(HASH);
    expect(hit).toMatchObject({ source: "REMOTE", durationMs: 777, files: SAMPLE_PATHS });
    expect(await snapshot(repoRoot, SAMPLE_PATHS)).toEqual(expected);
    const local = await readFile(join(cacheDir, `${HASH}.tar.zst`));
    expect(local.equals(remote.entries.get(HASH)?.bytes ?? Buffer.alloc(0))).toBe(true);
    expect(await readFile(join(cacheDir, `${HASH}-meta.json`), "utf8")).toBe(
      `{"hash":"${HASH}","duration":777,"sha":"${SHA}","dirty_hash":null}`,
    );
    const manifest = parseManifest(await readFile(join(cacheDir, `${HASH}-manifest.json`), "utf8"));
    expect(manifest?.order).toEqual(SAMPLE_PATHS);
    expect(remote.events).toEqual([
      { source: "LOCAL", event: "MISS", hash: HASH, duration: 0 },
      { source: "REMOTE", event: "HIT", hash: HASH, duration: 777 },
    ]);
  });

  it("restores a remote hit without keeping it when local writes are off", async () => {
    const remote = new MemoryRemote();
    await seedRemote(remote);
    const { cache, cacheDir, tmp } = await setup("local:r,remote:r", remote);
    expect((await cache.fetch(HASH))?.source).toBe("REMOTE");
    await expect(readdir(cacheDir)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readdir(tmp)).toEqual([]);
  });

  it("sends only LOCAL analytics itself and reports a failed download as a warning", async () => {
    const { cache, remote, events } = await setup("local:rw,remote:r");
    expect(await cache.fetch(HASH)).toBeUndefined();
    expect(remote.events).toEqual([
      { source: "LOCAL", event: "MISS", hash: HASH, duration: 0 },
      { source: "REMOTE", event: "MISS", hash: HASH, duration: 0 },
    ]);
    remote.failFetch = true;
    expect(await cache.fetch(HASH)).toBeUndefined();
    expect(remote.events).toHaveLength(3);
    expect(events.map((e) => (e.type === "lookup" ? `${e.source} ${e.event}` : e.type))).toEqual([
      "LOCAL MISS",
      "REMOTE MISS",
      "LOCAL MISS",
      "warning",
    ]);
    expect(events.at(-1)).toMatchObject({ code: "WARN_CACHE_REMOTE_FETCH", hash: HASH });
  });

  it("leaves nothing in the local cache after an aborted download", async () => {
    const remote = new MemoryRemote();
    await seedRemote(remote);
    remote.failFetch = true;
    const { cache, cacheDir, repoRoot } = await setup("local:rw,remote:rw", remote);
    expect(await cache.fetch(HASH)).toBeUndefined();
    // Only the client's own temp file may remain; no entry file appears.
    expect((await readdir(cacheDir)).filter((f) => f.startsWith(HASH))).toEqual([]);
    expect(await cache.local.exists(HASH)).toBeUndefined();
    expect((await snapshot(repoRoot, SAMPLE_PATHS))["packages/a/dist"]).toBe("missing");
  });

  it("keeps a remote artifact that fails to restore out of the local cache", async () => {
    const remote = new MemoryRemote();
    remote.entries.set(HASH, {
      bytes: Buffer.from("not zstd at all"),
      durationMs: 1,
      sha: undefined,
    });
    const { cache, cacheDir, events } = await setup("local:rw,remote:rw", remote);
    expect(await cache.fetch(HASH)).toBeUndefined();
    expect(await readdir(cacheDir)).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: "warning", code: "WARN_CACHE_REMOTE_RESTORE" });
    expect(await cache.local.exists(HASH)).toBeUndefined();
  });

  it("uploads the very bytes it stored locally, with duration and sha", async () => {
    const { cache, remote, repoRoot, cacheDir, events } = await setup("local:rw,remote:rw");
    await writeSampleOutputs(repoRoot);
    const result = await cache.put(HASH, { paths: SAMPLE_PATHS, durationMs: 42 });
    expect(result).toMatchObject({ local: "written", remote: "queued" });
    await cache.close();
    const local = await readFile(join(cacheDir, `${HASH}.tar.zst`));
    expect(remote.entries.get(HASH)).toEqual({ bytes: local, durationMs: 42, sha: SHA });
    expect(result.size).toBe(local.length);
    expect(events).toContainEqual({ type: "uploaded", hash: HASH, size: local.length });
    expect((await readdir(cacheDir)).sort()).toEqual(
      [`${HASH}-manifest.json`, `${HASH}-meta.json`, `${HASH}.tar.zst`].sort(),
    );
  });

  it("runs at most cacheWorkers uploads at once and flush waits for all", async () => {
    const remote = new MemoryRemote();
    remote.putDelayMs = 30;
    const { cache, repoRoot } = await setup("remote:w", remote, { cacheWorkers: 2 });
    await writeSampleOutputs(repoRoot);
    for (let i = 0; i < 5; i++) {
      await cache.put(`${HASH.slice(0, 15)}${String(i)}`, { paths: SAMPLE_PATHS, durationMs: 1 });
    }
    expect(cache.pendingUploads).toBeGreaterThan(0);
    await cache.flush();
    expect(cache.pendingUploads).toBe(0);
    expect(remote.entries.size).toBe(5);
    expect(remote.maxActivePuts).toBe(2);
  });

  it("turns a failed upload into a warning and removes its spool", async () => {
    const remote = new MemoryRemote();
    remote.failPut = true;
    const { cache, repoRoot, tmp, events } = await setup("remote:w", remote);
    await writeSampleOutputs(repoRoot);
    await cache.put(HASH, { paths: SAMPLE_PATHS, durationMs: 1 });
    await cache.close();
    expect(events).toContainEqual(
      expect.objectContaining({ code: "WARN_CACHE_REMOTE_PUT", hash: HASH }),
    );
    expect(await readdir(tmp)).toEqual([]);
  });

  it("reads nothing from the remote when only remote writes are on", async () => {
    const remote = new MemoryRemote();
    await seedRemote(remote);
    remote.calls.length = 0;
    const { cache } = await setup("local:rw,remote:w", remote);
    expect(await cache.fetch(HASH)).toBeUndefined();
    expect(await cache.exists(HASH)).toBeUndefined();
    expect(remote.calls).toEqual([]);
  });

  it("writes nowhere when every write is off", async () => {
    const { cache, remote, repoRoot, cacheDir } = await setup("local:r,remote:r");
    await writeSampleOutputs(repoRoot);
    expect(await cache.put(HASH, { paths: SAMPLE_PATHS, durationMs: 1 })).toEqual({
      local: "disabled",
      remote: "disabled",
      size: 0,
    });
    await expect(readdir(cacheDir)).rejects.toMatchObject({ code: "ENOENT" });
    expect(remote.calls).toEqual([]);
  });

  it("answers exists from the local store first, then the remote", async () => {
    const remote = new MemoryRemote();
    await seedRemote(remote, 9);
    const { cache, repoRoot } = await setup("local:rw,remote:rw", remote);
    expect(await cache.exists(HASH)).toEqual({ source: "REMOTE", durationMs: 9 });
    await writeSampleOutputs(repoRoot);
    await cache.put(HASH, { paths: SAMPLE_PATHS, durationMs: 3 });
    expect(await cache.exists(HASH)).toMatchObject({ source: "LOCAL", durationMs: 3 });
    await removeSampleOutputs(repoRoot);
  });

  it("answers existsMany with one exists per hash when the remote has no query", async () => {
    const remote = new MemoryRemote();
    await seedRemote(remote, 9);
    const { cache } = await setup("local:rw,remote:rw", remote);
    const found = await cache.existsMany([HASH, "ffff000011112222"]);
    expect([...found]).toEqual([
      [HASH, { source: "REMOTE", durationMs: 9 }],
      ["ffff000011112222", undefined],
    ]);
  });

  it("saving is best-effort: a local store that cannot be written is a value, and the upload still goes", async () => {
    const { cache, remote, repoRoot } = await setup("local:rw,remote:rw");
    await writeSampleOutputs(repoRoot);
    await rm(join(repoRoot, ".turbo"), { recursive: true, force: true });
    await writeFile(join(repoRoot, ".turbo"), "a file where the store's directory should be");
    const result = await cache.put(HASH, { paths: SAMPLE_PATHS, durationMs: 5 });
    expect(result).toMatchObject({ local: "failed", remote: "queued" });
    expect(result.error).toMatchObject({
      code: "ERR_CACHE_LOCAL_WRITE",
      cause: { code: "ENOTDIR" },
    });
    await cache.flush();
    expect(remote.entries.has(HASH)).toBe(true);
  });

  it("saving is best-effort: an output that cannot be packed is a value on both sides", async () => {
    const { cache, remote, repoRoot, cacheDir } = await setup("local:rw,remote:rw");
    await writeSampleOutputs(repoRoot);
    const result = await cache.put(HASH, {
      paths: [...SAMPLE_PATHS, "missing.txt"],
      durationMs: 5,
    });
    expect(result).toMatchObject({ local: "failed", remote: "failed", size: 0 });
    expect(result.error).toMatchObject({ code: "ERR_CACHE_PACK_FAILED" });
    await cache.flush();
    expect(remote.entries.has(HASH)).toBe(false);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it("prefetches remote artifacts ahead of their fetch, and close removes the ones never taken", async () => {
    const remote = new MemoryRemote();
    const expected = await seedRemote(remote, 777);
    const other = "ffff000011112222";
    remote.entries.set(other, {
      ...(remote.entries.get(HASH) as NonNullable<ReturnType<typeof remote.entries.get>>),
    });
    const { cache, repoRoot, cacheDir } = await setup("local:rw,remote:rw", remote);
    remote.calls.length = 0;
    cache.prefetch([HASH, other]);
    const hit = await cache.fetch(HASH);
    expect(hit).toMatchObject({ source: "REMOTE", durationMs: 777 });
    expect(await snapshot(repoRoot, SAMPLE_PATHS)).toEqual(expected);
    await cache.close();
    // One download each: the fetch took the prefetched one.
    expect([...remote.calls].sort()).toEqual([`fetch ${HASH}`, `fetch ${other}`].sort());
    expect((await readdir(cacheDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(await readdir(cacheDir)).not.toContain(`${other}.tar.zst`);
  });

  it("refuses puts after close", async () => {
    const { cache } = await setup("local:rw");
    await cache.close();
    await expect(cache.put(HASH, { paths: [], durationMs: 0 })).rejects.toMatchObject({
      code: "ERR_CACHE_CLOSED",
    });
  });

  it("rejects a worker count below one", async () => {
    await expect(setup("local:rw", new MemoryRemote(), { cacheWorkers: 0 })).rejects.toMatchObject({
      code: "ERR_CACHE_INVALID_CONFIG",
    });
  });
});
