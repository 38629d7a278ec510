import { join } from "node:path";

import {
  type CacheEntrySpec,
  cacheFiles,
  createTempRepo,
  runTurbo,
  type StrayFileSpec,
  type TempRepo,
  turboErrorText,
  writeCacheEntries,
} from "@turbine/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runTurbine } from "./support/turbine.js";

// turbo 2.11.13 and Turbine run on the same cache dir, seeded identically before each (entries
// of chosen sizes and ages), and must keep the same entries. turbo evicts on a background thread
// that its process does not wait for, so its task sleeps long enough for that thread to finish.

const MIN = 60_000;
const HOUR = 60 * MIN;
const TASK = 'node -e "setTimeout(() => {}, 700)"';

let repo: TempRepo;
let cacheDir: string;
beforeAll(async () => {
  repo = await createTempRepo({
    packages: [{ name: "a", scripts: { build: TASK } }],
    turbo: { tasks: { build: { outputs: [] } } },
  });
  cacheDir = join(repo.root, ".turbo", "cache");
});
afterAll(async () => {
  await repo.cleanup();
});

interface Case {
  readonly entries: readonly CacheEntrySpec[];
  readonly strays?: readonly StrayFileSpec[];
  readonly env?: Readonly<Record<string, string>>;
  /** Top-level turbo.json keys besides `tasks`. */
  readonly turbo?: Readonly<Record<string, unknown>>;
}

type Tool = "turbo" | "turbine";

/**
 * The seeded entries' files left after one run of `tool`, from a cache seeded at `now`. Stray
 * files count for neither tool and turbo never removes them; Turbine sweeps old ones (a
 * difference its own tests cover), so only entries' files are compared.
 */
async function survivors(tool: Tool, c: Case, now: number): Promise<string[]> {
  await repo.writeJson("turbo.json", { ...c.turbo, tasks: { build: { outputs: [] } } });
  await writeCacheEntries(cacheDir, c.entries, c.strays ?? [], now);
  const strays = new Set((c.strays ?? []).map((s) => s.name));
  const seeded = new Set((await cacheFiles(cacheDir)).filter((n) => !strays.has(n)));
  const env = { ...c.env };
  const result =
    tool === "turbo"
      ? await runTurbo(repo.root, ["run", "build"], { env })
      : await runTurbine(repo.root, ["run", "build"], env);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return (await cacheFiles(cacheDir)).filter((name) => seeded.has(name));
}

/** Both tools keep the same files, and the case evicts something (it cannot pass vacuously). */
async function expectSameSurvivors(c: Case): Promise<string[]> {
  const now = Date.now();
  const turbo = await survivors("turbo", c, now);
  const turbine = await survivors("turbine", c, now);
  expect(turbine).toEqual(turbo);
  const artifacts = turbo.filter((n) => n.endsWith(".tar.zst"));
  expect(artifacts.length).toBeLessThan(c.entries.length);
  return turbo;
}

const e = (hash: string, bytes: number, ageMs: number, more: Partial<CacheEntrySpec> = {}) => ({
  hash,
  bytes,
  ageMs,
  ...more,
});

describe("the same entries survive turbo's and Turbine's eviction", () => {
  it("TURBO_CACHE_MAX_AGE: entries older than the age go, judged by the artifact's mtime", async () => {
    const kept = await expectSameSurvivors({
      env: { TURBO_CACHE_MAX_AGE: "2h" },
      entries: [
        e("young", 100, 1 * HOUR),
        e("old", 100, 3 * HOUR),
        e("oldartifact", 100, 3 * HOUR, {
          meta: { ageMs: 10 * MIN },
          manifest: { ageMs: 10 * MIN },
        }),
        e("youngartifact", 100, 1 * HOUR, {
          meta: { ageMs: 5 * HOUR },
          manifest: { ageMs: 5 * HOUR },
        }),
      ],
    });
    expect(kept.filter((n) => n.endsWith(".tar.zst"))).toHaveLength(2);
  });

  it("TURBO_CACHE_MAX_AGE: a bare number is days", async () => {
    await expectSameSurvivors({
      env: { TURBO_CACHE_MAX_AGE: "1" },
      entries: [e("day", 100, 20 * HOUR), e("more", 100, 30 * HOUR)],
    });
  });

  it("TURBO_CACHE_MAX_SIZE: the least recently used go until the rest fit, sidecars counted", async () => {
    await expectSameSurvivors({
      env: { TURBO_CACHE_MAX_SIZE: "1KB" },
      entries: [
        e("a", 300, 1 * HOUR, { meta: { bytes: 100 }, manifest: { bytes: 100 } }),
        e("b", 300, 2 * HOUR, { meta: { bytes: 100 } }),
        e("c", 300, 3 * HOUR, { meta: { bytes: 50 } }),
        e("d", 300, 4 * HOUR),
      ],
      // Neither counts nor goes: sidecars without an artifact, temp files, uncompressed .tar.
      strays: [
        { name: "orphan-meta.json", bytes: 5000, ageMs: 30 * MIN },
        { name: ".x.tar.zst.1.ab.tmp", bytes: 5000, ageMs: 30 * MIN },
        { name: "legacy.tar", bytes: 5000, ageMs: 9 * HOUR },
      ],
    });
  });

  it.each([".5KB", "1.KB", "+1KB", "1.9", "2kb", "1100"])(
    "TURBO_CACHE_MAX_SIZE=%s reads the same size",
    async (size) => {
      await expectSameSurvivors({
        env: { TURBO_CACHE_MAX_SIZE: size },
        entries: [
          e("a", 520, 1 * HOUR),
          e("b", 520, 2 * HOUR),
          e("c", 520, 3 * HOUR),
          e("d", 520, 4 * HOUR),
        ],
      });
    },
  );

  it("equal mtimes keep directory order", async () => {
    await expectSameSurvivors({
      env: { TURBO_CACHE_MAX_SIZE: "300" },
      entries: ["zz", "yy", "mm", "bb", "aa", "cc", "0f", "f0"].map((h) =>
        e(h, 60, 2 * HOUR, { meta: false }),
      ),
    });
  });

  it("turbo.json cacheMaxAge", async () => {
    await expectSameSurvivors({
      turbo: { cacheMaxAge: "90m" },
      entries: [e("a", 100, 1 * HOUR), e("b", 100, 2 * HOUR)],
    });
  });

  it("turbo.json cacheMaxSize", async () => {
    await expectSameSurvivors({
      turbo: { cacheMaxSize: "0.5kb" },
      entries: [e("a", 200, 1 * HOUR), e("b", 200, 2 * HOUR), e("c", 200, 3 * HOUR)],
    });
  });

  it("both limits: the age first, then the size on what is left", async () => {
    await expectSameSurvivors({
      turbo: { cacheMaxAge: "5h", cacheMaxSize: "600" },
      entries: [
        e("a", 200, 1 * HOUR),
        e("b", 200, 2 * HOUR),
        e("c", 200, 3 * HOUR),
        e("d", 200, 6 * HOUR),
      ],
    });
  });

  it("global.cacheMaxSize under futureFlags.globalConfiguration", async () => {
    await expectSameSurvivors({
      turbo: { futureFlags: { globalConfiguration: true }, global: { cacheMaxSize: "250" } },
      entries: [e("a", 200, 1 * HOUR), e("b", 200, 2 * HOUR)],
    });
  });

  it("a variable wins over turbo.json, and the turbo.json value is then not checked", async () => {
    await expectSameSurvivors({
      env: { TURBO_CACHE_MAX_AGE: "3h" },
      turbo: { cacheMaxAge: "not a duration" },
      entries: [e("a", 100, 2 * HOUR), e("b", 100, 4 * HOUR)],
    });
  });

  it.each([
    ["TURBO_CACHE_MAX_AGE", "0", { cacheMaxAge: "1h" }],
    ["TURBO_CACHE_MAX_SIZE", "0", { cacheMaxSize: "100" }],
  ])("%s=%j turns off the limit turbo.json sets", async (name, value, turbo) => {
    const c: Case = {
      env: { [name]: value },
      turbo,
      entries: [e("a", 200, 2 * HOUR), e("b", 200, 3 * HOUR)],
    };
    const now = Date.now();
    const turboKept = await survivors("turbo", c, now);
    expect(await survivors("turbine", c, now)).toEqual(turboKept);
    expect(turboKept).toEqual(["a-meta.json", "a.tar.zst", "b-meta.json", "b.tar.zst"]);
  });
});

describe("invalid limits fail both tools with turbo's message", () => {
  const messageOf = (stderr: string): string => turboErrorText(stderr).replace(/ help: .*$/, "");

  it.each([
    ["TURBO_CACHE_MAX_AGE", "7x"],
    ["TURBO_CACHE_MAX_AGE", "1.5d"],
    ["TURBO_CACHE_MAX_AGE", "2D"],
    ["TURBO_CACHE_MAX_AGE", ""],
    ["TURBO_CACHE_MAX_AGE", " "],
    ["TURBO_CACHE_MAX_SIZE", ""],
    ["TURBO_CACHE_MAX_AGE", "18446744073709551615"],
    ["TURBO_CACHE_MAX_AGE", "7ä"],
    ["TURBO_CACHE_MAX_SIZE", "10PB"],
    ["TURBO_CACHE_MAX_SIZE", "1 KB"],
    ["TURBO_CACHE_MAX_SIZE", "1e3"],
    ["TURBO_CACHE_MAX_SIZE", "-5GB"],
    ["TURBO_CACHE_MAX_SIZE", "16777216TB"],
    ["TURBO_CACHE_MAX_SIZE", ".KB"],
  ])("%s=%j", async (name, value) => {
    await repo.writeJson("turbo.json", { tasks: { build: { outputs: [] } } });
    const env = { [name]: value };
    const turbo = await runTurbo(repo.root, ["run", "build", "--dry=json"], { env });
    const turbine = await runTurbine(repo.root, ["run", "build", "--dry=json"], env);
    expect(turbo.code).toBe(1);
    expect(turbine.code).toBe(1);
    const said = messageOf(turbo.stderr);
    expect(said).toMatch(/^Invalid cacheMax(Age|Size): /);
    expect(turbine.stderr).toContain(`  x ${said}\n`);
  });

  it.each([
    [{ cacheMaxAge: "" }],
    [{ cacheMaxSize: "abcGB" }],
    [{ cacheMaxAge: "bad", cacheMaxSize: "bad" }],
  ])("turbo.json %j", async (keys) => {
    await repo.writeJson("turbo.json", { ...keys, tasks: { build: { outputs: [] } } });
    const turbo = await runTurbo(repo.root, ["run", "build", "--dry=json"]);
    const turbine = await runTurbine(repo.root, ["run", "build", "--dry=json"]);
    expect([turbo.code, turbine.code]).toEqual([1, 1]);
    expect(turbine.stderr).toContain(`  x ${messageOf(turbo.stderr)}\n`);
  });

  it.each(["+2d", "0s", "00", " 2d ", "-0.0KB", "16777216.0TB", "0.0"])(
    "both accept %j",
    async (value) => {
      await repo.writeJson("turbo.json", { tasks: { build: { outputs: [] } } });
      const name = /[BbKkMmGgTt.]$|^-|\.0$/.test(value)
        ? "TURBO_CACHE_MAX_SIZE"
        : "TURBO_CACHE_MAX_AGE";
      const env = { [name]: value };
      const turbo = await runTurbo(repo.root, ["run", "build", "--dry=json"], { env });
      const turbine = await runTurbine(repo.root, ["run", "build", "--dry=json"], env);
      expect([turbo.code, turbine.code], turbo.stderr + turbine.stderr).toEqual([0, 0]);
    },
  );
});
