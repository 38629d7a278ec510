import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import * as path from "node:path";
import { join } from "node:path";

import { Cache, type CacheEvent, type EvictionBudget, type EvictionReport } from "@turbine/cache";
import {
  evictCache,
  LocalCache,
  readEvictionState,
  RESCAN_IDLE_MS,
  RESCAN_MS,
  scanCacheDir,
  writeEvictionState,
} from "@turbine/cache/internal";
import { cacheFiles, writeCacheEntries } from "@turbine/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const HOUR = 3600_000;
const bytesBudget = (bytes: number, maxAgeMs = 0): EvictionBudget => ({
  maxAgeMs,
  maxSize: { kind: "bytes", bytes },
  source: { age: "env", size: "env" },
});

let dir: string;
let cacheDir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "turbine-evict-"));
  cacheDir = join(dir, "cache");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A marker as another process on this machine writes it (see cache-markers.ts). */
async function marker(kind: "run" | "evict", startMs: number, pid: number): Promise<void> {
  await mkdir(join(cacheDir, ".turbine"), { recursive: true });
  const host =
    hostname()
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 32) || "host";
  await writeFile(
    join(cacheDir, ".turbine", `${kind}-${String(startMs)}-${String(pid)}-${host}-abcd1234`),
    "",
  );
}

/** A live process that is not this one: its pid keeps a marker alive until it is killed. */
function otherProcess(): { pid: number; stop: () => void } {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
  return { pid: child.pid ?? 0, stop: () => child.kill() };
}

describe("evictCache on a real directory", () => {
  it("removes an entry as a unit: artifact, meta.json and manifest", async () => {
    await writeCacheEntries(cacheDir, [
      { hash: "old", bytes: 100, ageMs: 3 * HOUR, manifest: {} },
      { hash: "new", bytes: 100, ageMs: 1 * HOUR, manifest: {} },
    ]);
    const report = evictCache({ cacheDir, budget: bytesBudget(0, 2 * HOUR) });
    expect(await cacheFiles(cacheDir)).toEqual([
      "new-manifest.json",
      "new-meta.json",
      "new.tar.zst",
    ]);
    expect(report.removed).toMatchObject({ entries: 1, byAge: 1, bySize: 0 });
    expect(await readdir(join(cacheDir, ".turbine", "trash"))).toEqual([]);
  });

  it("counts meta.json and the manifest in an entry's size", async () => {
    await writeCacheEntries(cacheDir, [
      { hash: "a", bytes: 100, ageMs: 3 * HOUR, meta: { bytes: 50 }, manifest: { bytes: 50 } },
      { hash: "b", bytes: 100, ageMs: 2 * HOUR, meta: { bytes: 50 } },
    ]);
    const report = evictCache({ cacheDir, budget: bytesBudget(350) });
    expect(report.before.bytes).toBe(350);
    expect(report.removed.entries).toBe(0);
    expect(evictCache({ cacheDir, budget: bytesBudget(349) }).removed.bytes).toBe(200);
  });

  it("keeps an entry a run touched after the scan, whole", async () => {
    await writeCacheEntries(cacheDir, [{ hash: "x", bytes: 10, ageMs: 3 * HOUR, manifest: {} }]);
    const scan = scanCacheDir(fs, path, cacheDir);
    const now = new Date();
    await utimes(join(cacheDir, "x.tar.zst"), now, now);
    const report = evictCache({ cacheDir, budget: bytesBudget(1), scan, graceMs: 0 });
    expect(report.removed.entries).toBe(0);
    expect(report.inUse).toBe(1);
    expect(await cacheFiles(cacheDir)).toEqual(["x-manifest.json", "x-meta.json", "x.tar.zst"]);
  });

  it("never removes what a live run used since it started; does once the run is gone", async () => {
    const run = otherProcess();
    try {
      const start = Date.now() - 2 * HOUR;
      await writeCacheEntries(cacheDir, [
        { hash: "used", bytes: 10, ageMs: 1 * HOUR },
        { hash: "unused", bytes: 10, ageMs: 3 * HOUR },
      ]);
      await marker("run", start, run.pid);
      const during = evictCache({ cacheDir, budget: bytesBudget(1), graceMs: 0 });
      expect(during.removed.entries).toBe(1);
      expect(await cacheFiles(cacheDir)).toEqual(["used-meta.json", "used.tar.zst"]);
    } finally {
      run.stop();
    }
    await new Promise((r) => setTimeout(r, 200));
    evictCache({ cacheDir, budget: bytesBudget(1), graceMs: 0 });
    expect(await cacheFiles(cacheDir)).toEqual([]);
    expect(await readdir(join(cacheDir, ".turbine"))).toEqual(["state.json", "trash"]);
  });

  it("removes a manifest rewritten after the artifact's last use with its entry", async () => {
    // A restore rewrites the manifest after it refreshed the artifact: the manifest is younger.
    await writeCacheEntries(cacheDir, [
      { hash: "x", bytes: 10, ageMs: 3 * HOUR, manifest: { ageMs: 0 } },
    ]);
    const report = evictCache({ cacheDir, budget: bytesBudget(1), graceMs: 0 });
    expect(report.removed.entries).toBe(1);
    expect(await cacheFiles(cacheDir)).toEqual([]);
  });

  it("keeps the sidecars of a new entry written under the same hash during the removal", async () => {
    await writeCacheEntries(cacheDir, [{ hash: "x", bytes: 10, ageMs: 3 * HOUR, manifest: {} }]);
    const scan = scanCacheDir(fs, path, cacheDir);
    // A writer replaces the entry after the scan: artifact first, then manifest and meta.
    await writeCacheEntries(join(dir, "new"), [{ hash: "x", bytes: 20, ageMs: 0, manifest: {} }]);
    for (const suffix of [".tar.zst", "-manifest.json", "-meta.json"]) {
      fs.renameSync(join(dir, "new", `x${suffix}`), join(cacheDir, `x${suffix}`));
    }
    evictCache({ cacheDir, budget: bytesBudget(1), scan, graceMs: 0 });
    expect(await cacheFiles(cacheDir)).toEqual(["x-manifest.json", "x-meta.json", "x.tar.zst"]);
    expect((await stat(join(cacheDir, "x.tar.zst"))).size).toBe(20);
  });

  it("skips while another live eviction holds the directory", async () => {
    const other = otherProcess();
    try {
      await writeCacheEntries(cacheDir, [{ hash: "a", bytes: 10, ageMs: 3 * HOUR }]);
      await marker("evict", Date.now() - 1000, other.pid);
      const report = evictCache({ cacheDir, budget: bytesBudget(1) });
      expect(report.status).toBe("skipped");
      expect(report.reason).toContain(`pid ${String(other.pid)}`);
      expect(await cacheFiles(cacheDir)).toEqual(["a-meta.json", "a.tar.zst"]);
    } finally {
      other.stop();
    }
  });

  it("changes nothing when dry", async () => {
    await writeCacheEntries(cacheDir, [{ hash: "a", bytes: 10, ageMs: 3 * HOUR }]);
    const report = evictCache({ cacheDir, budget: bytesBudget(1), dry: true });
    const bytes =
      (await stat(join(cacheDir, "a.tar.zst"))).size +
      (await stat(join(cacheDir, "a-meta.json"))).size;
    expect(report).toMatchObject({ dry: true, removed: { entries: 1, bytes } });
    expect(await cacheFiles(cacheDir)).toEqual(["a-meta.json", "a.tar.zst"]);
  });

  it("clean removes every entry not in use", async () => {
    await writeCacheEntries(cacheDir, [
      { hash: "a", bytes: 10, ageMs: 3 * HOUR },
      { hash: "b", bytes: 10, ageMs: 60_000 },
    ]);
    const report = evictCache({ cacheDir, budget: bytesBudget(0), all: true, graceMs: 0 });
    expect(report.removed.entries).toBe(2);
    expect(await cacheFiles(cacheDir)).toEqual([]);
  });

  it("sweeps sidecars without an artifact and dead writers' temp files, not fresh ones", async () => {
    await writeCacheEntries(
      cacheDir,
      [{ hash: "a", bytes: 10, ageMs: 0 }],
      [
        { name: "gone-meta.json", bytes: 5, ageMs: 3 * HOUR },
        { name: "gone-manifest.json", bytes: 5, ageMs: 3 * HOUR },
        { name: "fresh-meta.json", bytes: 5, ageMs: 0 },
        { name: ".x.tar.zst.123.abc.tmp", bytes: 5, ageMs: 2 * HOUR },
        { name: ".y.tar.zst.123.abc.tmp", bytes: 5, ageMs: 0 },
        { name: "old.tar", bytes: 5, ageMs: 3 * HOUR },
      ],
    );
    const report = evictCache({ cacheDir, budget: bytesBudget(1) });
    expect(report.swept).toEqual({ entries: 3, bytes: 15 });
    expect(await cacheFiles(cacheDir)).toEqual([
      ".y.tar.zst.123.abc.tmp",
      "a-meta.json",
      "a.tar.zst",
      "fresh-meta.json",
      "old.tar",
    ]);
  });

  it("deletes what a dead eviction left in the trash", async () => {
    await writeCacheEntries(cacheDir, [{ hash: "a", bytes: 10, ageMs: 3 * HOUR }]);
    const trash = join(cacheDir, ".turbine", "trash");
    await mkdir(trash, { recursive: true });
    const host =
      hostname()
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 32) || "host";
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => dead.once("exit", r));
    await writeFile(join(trash, `${String(dead.pid)}.${host}.0.z.tar.zst`), "x");
    evictCache({ cacheDir, budget: bytesBudget(1) });
    expect(await readdir(trash)).toEqual([]);
  });
});

describe("a run's eviction (Cache with an eviction budget)", () => {
  const repoRoot = (): string => join(dir, "repo");

  /** Real entries (archives of one file each), made `ageMs` old. */
  async function realEntries(hashes: string[], ageMs: number): Promise<void> {
    await mkdir(repoRoot(), { recursive: true });
    const local = await LocalCache.create({ repoRoot: repoRoot(), cacheDir });
    for (const hash of hashes) {
      await writeFile(join(repoRoot(), `${hash}.txt`), hash.repeat(100));
      await local.put(hash, { paths: [`${hash}.txt`], durationMs: 5 });
      const when = new Date(Date.now() - ageMs);
      for (const suffix of [".tar.zst", "-meta.json", "-manifest.json"]) {
        await utimes(join(cacheDir, hash + suffix), when, when);
      }
    }
    await local.close();
  }

  async function runCache(
    budget: EvictionBudget,
  ): Promise<{ cache: Cache; reports: EvictionReport[] }> {
    const reports: EvictionReport[] = [];
    const cache = await Cache.create({
      repoRoot: repoRoot(),
      cacheDir,
      cacheConfig: { local: { read: true, write: true }, remote: { read: false, write: false } },
      onEvent: (e: CacheEvent) => {
        if (e.type === "eviction") reports.push(e.report);
      },
      eviction: { budget, graceMs: 0 },
    });
    return { cache, reports };
  }

  it("never evicts the run's own hits during that run, even past the budget", async () => {
    await realEntries(["aa", "bb", "cc"], 5 * HOUR);
    const { cache, reports } = await runCache(bytesBudget(1, HOUR));
    expect(await cache.fetch("aa")).toMatchObject({ source: "LOCAL" });
    expect(await cache.fetch("cc")).toMatchObject({ source: "LOCAL" });
    // As if the refreshed mtimes had not stuck (an entry owned by another user): the run still
    // knows what it read.
    const old = new Date(Date.now() - 5 * HOUR);
    for (const hash of ["aa", "cc"]) await utimes(join(cacheDir, `${hash}.tar.zst`), old, old);
    await cache.close();
    expect(reports[0]?.removed.entries).toBe(1);
    const left = (await cacheFiles(cacheDir)).filter((n) => n.endsWith(".tar.zst"));
    expect(left).toEqual(["aa.tar.zst", "cc.tar.zst"]);
  });

  it("a hit refreshes the artifact's mtime, so eviction is least recently used", async () => {
    await realEntries(["first"], 5 * HOUR);
    await realEntries(["second"], 4 * HOUR);
    const { cache } = await runCache(bytesBudget(0));
    const before = Date.now();
    await cache.fetch("first");
    await cache.close({ evict: false });
    const mtime = (await stat(join(cacheDir, "first.tar.zst"))).mtimeMs;
    expect(mtime).toBeGreaterThanOrEqual(before - 1000);
    const size = (await stat(join(cacheDir, "first.tar.zst"))).size;
    const report = evictCache({ cacheDir, budget: bytesBudget(size + 300), graceMs: 0 });
    expect(report.removed.entries).toBe(1);
    expect((await cacheFiles(cacheDir)).filter((n) => n.endsWith(".tar.zst"))).toEqual([
      "first.tar.zst",
    ]);
  });

  it("holds a lease while open and drops it on close", async () => {
    const { cache } = await runCache(bytesBudget(0));
    const leases = async (): Promise<string[]> =>
      (await readdir(join(cacheDir, ".turbine")).catch(() => [])).filter((n) =>
        n.startsWith("run-"),
      );
    expect(await leases()).toHaveLength(1);
    await cache.close();
    expect(await leases()).toEqual([]);
  });

  it("a later run does not scan while the last scan's verdict stands", async () => {
    await realEntries(["aa"], 2 * HOUR);
    const first = await runCache(bytesBudget(1024 ** 2));
    await first.cache.close();
    expect(first.reports[0]).toMatchObject({ status: "done", after: { entries: 1 } });
    const second = await runCache(bytesBudget(1024 ** 2));
    await second.cache.close();
    expect(second.reports[0]).toMatchObject({ status: "not-due", after: { entries: 1 } });
  });

  it("what runs write counts: past the size limit, the next run scans and evicts", async () => {
    await realEntries(["aa"], 2 * HOUR);
    const size = (await stat(join(cacheDir, "aa.tar.zst"))).size;
    const first = await runCache(bytesBudget(size * 3));
    await first.cache.close();
    expect(first.reports[0]?.status).toBe("done");
    const writer = await runCache(bytesBudget(size * 3));
    for (const hash of ["bb", "cc", "dd"]) {
      await writeFile(join(repoRoot(), `${hash}.txt`), hash.repeat(100));
      await writer.cache.put(hash, { paths: [`${hash}.txt`], durationMs: 1 });
    }
    await writer.cache.close();
    expect(writer.reports[0]?.status).toBe("not-due");
    const next = await runCache(bytesBudget(size * 3));
    await next.cache.close();
    expect(next.reports[0]).toMatchObject({ status: "done", removed: { entries: 1, bySize: 1 } });
  });

  it("an hour-old verdict is checked by a run that stores something, a day-old one by any run", async () => {
    await realEntries(["aa"], 2 * HOUR);
    const first = await runCache(bytesBudget(1024 ** 2));
    await first.cache.close();
    const age = (ms: number): void => {
      const state = readEvictionState(cacheDir);
      if (state === undefined) throw new Error("no verdict");
      writeEvictionState(cacheDir, { ...state, atMs: Date.now() - ms });
    };
    age(RESCAN_MS + 1000);
    const cached = await runCache(bytesBudget(1024 ** 2));
    await cached.cache.fetch("aa");
    await cached.cache.close();
    expect(cached.reports[0]?.status).toBe("not-due");
    age(RESCAN_MS + 1000);
    const writer = await runCache(bytesBudget(1024 ** 2));
    await writeFile(join(repoRoot(), "bb.txt"), "bb");
    await writer.cache.put("bb", { paths: ["bb.txt"], durationMs: 1 });
    await writer.cache.close();
    expect(writer.reports[0]).toMatchObject({
      status: "done",
      reason: "the last scan is an hour old",
    });
    age(RESCAN_IDLE_MS + 1000);
    const idle = await runCache(bytesBudget(1024 ** 2));
    await idle.cache.close();
    expect(idle.reports[0]).toMatchObject({ status: "done", reason: "the last scan is a day old" });
  });

  it("an entry that ages past the max age since the last scan makes the next run scan", async () => {
    await realEntries(["aa"], 2 * HOUR);
    const maxAge = 2 * HOUR + 1000;
    const first = await runCache(bytesBudget(0, maxAge));
    await first.cache.close();
    expect(first.reports[0]?.removed.entries).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    const next = await runCache(bytesBudget(0, maxAge));
    await next.cache.close();
    expect(next.reports[0]).toMatchObject({ status: "done", removed: { entries: 1, byAge: 1 } });
  });
});

describe("a run's time limit", () => {
  it("stops between entries and leaves the rest pending; the next eviction goes on", async () => {
    await writeCacheEntries(
      cacheDir,
      Array.from({ length: 5 }, (_, i) => ({ hash: `e${String(i)}`, bytes: 10, ageMs: 3 * HOUR })),
    );
    const cut = evictCache({ cacheDir, budget: bytesBudget(1), deadline: performance.now() });
    expect(cut).toMatchObject({ removed: { entries: 0 }, pending: { entries: 5 } });
    expect(await cacheFiles(cacheDir)).toHaveLength(10);
    const rest = evictCache({ cacheDir, budget: bytesBudget(1) });
    expect(rest).toMatchObject({ removed: { entries: 5 }, pending: { entries: 0 } });
  });
});
