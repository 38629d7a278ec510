import { existsSync } from "node:fs";
import { readFile, stat, utimes } from "node:fs/promises";
import { join } from "node:path";

import {
  type CacheEntrySpec,
  cacheFiles,
  createTempRepo,
  runTurbo,
  type TempRepo,
  turboDryJson,
  writeCacheEntries,
} from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const WRITE = `node -e "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/out.txt','x')"`;
// turbo evicts on a thread its process does not wait for: this task outlasts it.
const SLOW = 'node -e "setTimeout(() => {}, 700)"';

let repo: TempRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function twoPackageRepo(): Promise<TempRepo> {
  repo = await createTempRepo({
    packages: [
      { name: "a", scripts: { build: WRITE } },
      { name: "b", scripts: { build: WRITE } },
      { name: "slow", scripts: { build: SLOW } },
    ],
    turbo: { tasks: { build: { outputs: ["dist/**"] } } },
    files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
  });
  return repo;
}

const SUFFIXES = [".tar.zst", "-meta.json", "-manifest.json"];

async function setAge(cacheDir: string, hash: string, ageMs: number): Promise<void> {
  const when = new Date(Date.now() - ageMs);
  for (const suffix of SUFFIXES) await utimes(join(cacheDir, hash + suffix), when, when);
}

async function entryBytes(cacheDir: string, hash: string): Promise<number> {
  let total = 0;
  for (const suffix of SUFFIXES) total += (await stat(join(cacheDir, hash + suffix))).size;
  return total;
}

/** The size of one seeded file, as writeCacheEntries wrote it. */
function entrySize(specs: readonly CacheEntrySpec[], name: string): number {
  const spec = specs.find((e) => name.startsWith(`${e.hash}.`) || name.startsWith(`${e.hash}-`));
  if (spec === undefined) return 0;
  if (name.endsWith(".tar.zst")) return spec.bytes;
  if (name.endsWith("-manifest.json")) return Math.max(2, spec.manifest?.bytes ?? 2);
  const meta = JSON.stringify({ hash: spec.hash, duration: 1 }).length;
  return spec.meta === false ? 0 : Math.max(meta, spec.meta?.bytes ?? meta);
}

const mtimeNs = async (path: string): Promise<bigint> =>
  (await stat(path, { bigint: true })).mtimeNs;

describe("recency that turbo understands", () => {
  it("a Turbine hit refreshes the entry for turbo's eviction; neither tool's manifest check minds", async () => {
    const { root } = await twoPackageRepo();
    const cacheDir = join(root, ".turbo/cache");
    const built = await runTurbo(root, ["run", "build", "--filter=a", "--filter=b"]);
    expect(built.code, built.stderr).toBe(0);
    const dry = await turboDryJson(root, ["run", "build"]);
    const hashOf = (pkg: string): string => dry.tasks.find((t) => t.package === pkg)?.hash ?? "";
    const [a, b] = [hashOf("a"), hashOf("b")];
    // a was written first: turbo alone, first in first out, would evict it first.
    await setAge(cacheDir, a, 5 * HOUR);
    await setAge(cacheDir, b, 4 * HOUR);
    const output = join(root, "packages/a/dist/out.txt");
    const outputMtime = await mtimeNs(output);

    const hit = await runTurbine(root, ["run", "build", "--filter=a"]);
    expect(hit.stdout).toContain(`a:build: cache hit, replaying logs ${a}`);
    expect(await mtimeNs(output)).toBe(outputMtime);
    const refreshed = (await stat(join(cacheDir, `${a}.tar.zst`))).mtimeMs;
    expect(refreshed).toBeGreaterThan(Date.now() - HOUR);

    const turboHit = await runTurbo(root, ["run", "build", "--filter=a"]);
    expect(turboHit.stdout).toContain(`a:build: cache hit, replaying logs ${a}`);
    expect(await mtimeNs(output)).toBe(outputMtime);

    const limit = String((await entryBytes(cacheDir, a)) + 10);
    const evicting = await runTurbo(root, ["run", "build", "--filter=slow"], {
      env: { TURBO_CACHE_MAX_SIZE: limit },
    });
    expect(evicting.code, evicting.stderr).toBe(0);
    const left = await cacheFiles(cacheDir);
    expect(left).toContain(`${a}.tar.zst`);
    expect(left).not.toContain(`${b}.tar.zst`);
  });
});

describe("on by default in Turbine", () => {
  const aged = [
    { hash: "monthold", bytes: 100, ageMs: 31 * DAY },
    { hash: "dayold", bytes: 100, ageMs: 1 * DAY },
  ];

  it("evicts entries unused for 30 days when nothing is configured; turbo keeps them", async () => {
    const { root } = await twoPackageRepo();
    const cacheDir = join(root, ".turbo/cache");
    await writeCacheEntries(cacheDir, aged);
    const theirs = await runTurbo(root, ["run", "build", "--filter=slow"]);
    expect(theirs.code).toBe(0);
    expect(await cacheFiles(cacheDir)).toContain("monthold.tar.zst");
    const ours = await runTurbine(root, ["run", "build", "--filter=slow", "-v"]);
    expect(ours.code, ours.stderr).toBe(0);
    const left = await cacheFiles(cacheDir);
    expect(left).toContain("dayold.tar.zst");
    expect(left).not.toContain("monthold.tar.zst");
    expect(ours.stderr).toMatch(/cache eviction: removed 1 entries, .*Turbine default/);
  });

  it.each([{ cacheMaxAge: "0" }, { cacheMaxSize: "0" }])("%j turns it off", async (keys) => {
    const r = await twoPackageRepo();
    await r.writeJson("turbo.json", { ...keys, tasks: { build: { outputs: ["dist/**"] } } });
    const cacheDir = join(r.root, ".turbo/cache");
    await writeCacheEntries(cacheDir, aged);
    const ours = await runTurbine(r.root, ["run", "build", "--filter=slow", "-v"]);
    expect(ours.code, ours.stderr).toBe(0);
    expect(await cacheFiles(cacheDir)).toContain("monthold.tar.zst");
    expect(ours.stderr).not.toContain("cache eviction");
  });
});

describe("what eviction says", () => {
  it("-v starts with turbo's own line; --summarize records turbineCacheEviction", async () => {
    const { root } = await twoPackageRepo();
    const cacheDir = join(root, ".turbo/cache");
    const entries: CacheEntrySpec[] = [
      { hash: "old1", bytes: 300, ageMs: 3 * HOUR, manifest: { bytes: 40 } },
      { hash: "old2", bytes: 200, ageMs: 4 * HOUR },
      { hash: "new", bytes: 100, ageMs: 0.5 * HOUR },
    ];
    const env = { TURBO_CACHE_MAX_AGE: "2h" };
    await writeCacheEntries(cacheDir, entries);
    const seeded = await cacheFiles(cacheDir);
    const theirs = await runTurbo(root, ["run", "build", "--filter=slow", "-v"], { env });
    const gone = seeded.filter((n) => !existsSync(join(cacheDir, n)));
    expect(gone.filter((n) => n.endsWith(".tar.zst"))).toEqual(["old1.tar.zst", "old2.tar.zst"]);
    // What the files say turbo reclaimed: the artifacts and their sidecars, as its line counts.
    let bytes = 0;
    for (const name of gone) bytes += entrySize(entries, name);
    const line = `cache eviction: removed 2 entries, reclaimed ${String(bytes)} bytes`;
    // turbo logs it from the thread its process does not wait for, and loses it at times.
    const turboLine = /^cache eviction: .*$/m.exec(theirs.stderr)?.[0];
    if (turboLine !== undefined) expect(turboLine).toBe(line);

    await writeCacheEntries(cacheDir, entries);
    const ours = await runTurbine(
      root,
      ["run", "build", "--filter=slow", "-v", "--summarize"],
      env,
    );
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stderr).toContain(`${line} (`);
    expect(ours.stderr).toContain("max age 2h (TURBO_CACHE_MAX_AGE)");
    const summaryPath = /Summary:\s+(\S+\.json)/.exec(ours.stdout)?.[1] ?? "";
    const summary = JSON.parse(await readFile(summaryPath, "utf8")) as Record<string, unknown>;
    const keys = Object.keys(summary);
    expect(keys.at(-1)).toBe("turbineCacheEviction");
    expect(summary.turbineCacheEviction).toMatchObject({
      status: "done",
      budget: { maxAge: "2h", maxSize: null, source: { age: "env", size: "unset" } },
      before: { entries: 3 },
      removed: { entries: 2, byAge: 2, bySize: 0 },
      after: { entries: 1 },
    });
  });

  it("turbine cache status, prune --dry, prune and clean", async () => {
    const { root } = await twoPackageRepo();
    const cacheDir = join(root, ".turbo/cache");
    await writeCacheEntries(cacheDir, [
      { hash: "a", bytes: 2048, ageMs: 3 * DAY },
      { hash: "b", bytes: 1024, ageMs: 2 * HOUR },
      { hash: "c", bytes: 1024, ageMs: 1 * HOUR },
    ]);
    const env = { TURBO_CACHE_MAX_SIZE: "2.5KB" };
    const status = await runTurbine(root, ["cache", "status"], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Entries {5}3 entries, 4\.\dKB$/m);
    expect(status.stdout).toMatch(/^Oldest {6}last used 3d ago$/m);
    expect(status.stdout).toContain("Budget      max size 2.5KB (TURBO_CACHE_MAX_SIZE)");
    expect(status.stdout).toMatch(
      /^Prune now {3}would remove 1 entry, 2\.\dKB \(1 least recently used past the max size\)$/m,
    );

    const dry = await runTurbine(root, ["cache", "prune", "--dry"], env);
    expect(dry.stdout).toMatch(
      /^Would remove 1 entry, 2\.\dKB .*; 2 entries \(2\.\dKB\) would be left\.$/m,
    );
    expect(await cacheFiles(cacheDir)).toHaveLength(6);

    const prune = await runTurbine(root, ["cache", "prune"], env);
    expect(prune.stdout).toMatch(/^Removed 1 entry, 2\.\dKB .*; 2 entries \(2\.\dKB\) left\.$/m);
    expect(await cacheFiles(cacheDir)).toEqual([
      "b-meta.json",
      "b.tar.zst",
      "c-meta.json",
      "c.tar.zst",
    ]);

    const clean = await runTurbine(root, ["cache", "clean"], env);
    expect(clean.stdout).toMatch(/^Removed 2 entries, 2\.\dKB; 0 entries \(0B\) left\.$/m);
    expect(await cacheFiles(cacheDir)).toEqual([]);
  });
});
