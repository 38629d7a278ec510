import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rename, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";

import {
  cacheFiles,
  cleanEnv,
  createTempRepo,
  exec,
  type ExecResult,
  runTurbo,
  type TempRepo,
  turbineRoot,
  writeCacheEntries,
} from "@turbine/test-utils";
import { afterEach, describe, expect, it } from "vitest";

// Real processes racing on one cache dir: runs reading and writing it, and evictions removing
// everything they are allowed to, as often as they can.

const PACKAGES = 16;
const BIN = join(turbineRoot(), "packages/cli/bin/turbine.js");
const EVICT_LOOP = join(turbineRoot(), "test/support/evict-loop.mjs");
// Each build takes a moment: a run that executes half of them lives seconds after its hits.
const BUILD =
  `node -e "require('fs').mkdirSync('dist',{recursive:true});` +
  `require('fs').writeFileSync('dist/out.txt',require('./package.json').name);setTimeout(()=>{},400)"`;

const name = (i: number): string => `p${String(i).padStart(2, "0")}`;

let repo: TempRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function builtRepo(): Promise<{ root: string; cacheDir: string }> {
  repo = await createTempRepo({
    packages: Array.from({ length: PACKAGES }, (_, i) => ({
      name: name(i),
      scripts: { build: BUILD },
    })),
    turbo: { tasks: { build: { outputs: ["dist/**"] } } },
    files: { ".gitignore": "node_modules/\n.turbo/\ndist/\n" },
  });
  return { root: repo.root, cacheDir: join(repo.root, ".turbo/cache") };
}

/** Makes every file of the cache `ageMs` old: every entry is a candidate for eviction. */
async function ageEntries(cacheDir: string, ageMs: number): Promise<void> {
  const when = new Date(Date.now() - ageMs);
  for (const file of await cacheFiles(cacheDir)) await utimes(join(cacheDir, file), when, when);
}

function turbine(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ExecResult> {
  return exec(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env) });
}

/** A turbine process, and a promise for the first time its output shows `text`. */
function startTurbine(cwd: string, args: string[], env: Record<string, string>, text: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env) });
  let stdout = "";
  let stderr = "";
  let seen = (): void => undefined;
  const sawText = new Promise<void>((resolve) => (seen = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes(text)) seen();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<ExecResult>((resolve) =>
    child.once("close", (code) => {
      seen();
      resolve({ code: code ?? 1, stdout, stderr });
    }),
  );
  return { sawText, result };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

/** Every artifact has its meta.json and every sidecar its artifact; the trash is empty. */
async function expectWholeEntries(cacheDir: string): Promise<void> {
  const names = await cacheFiles(cacheDir);
  const present = new Set(names);
  for (const file of names) {
    const hash = file.replace(/(\.tar\.zst|-meta\.json|-manifest\.json)$/, "");
    expect(present.has(`${hash}.tar.zst`), `${file} without its artifact`).toBe(true);
    expect(present.has(`${hash}-meta.json`), `${file} without its meta.json`).toBe(true);
  }
  expect(await cacheFiles(join(cacheDir, ".turbine", "trash"))).toEqual([]);
}

async function expectOutputs(root: string): Promise<void> {
  for (let i = 0; i < PACKAGES; i++) {
    expect(await readFile(join(root, "packages", name(i), "dist/out.txt"), "utf8")).toBe(name(i));
  }
}

interface Summary {
  tasks: {
    hash: string;
    cache: { status: string; source?: string };
    execution: { startTime: number; endTime: number };
  }[];
}

async function summaryOf(result: ExecResult): Promise<Summary> {
  const path = /Summary:\s+(\S+\.json)/.exec(result.stdout)?.[1];
  expect(path, result.stdout).toBeDefined();
  return JSON.parse(await readFile(path ?? "", "utf8")) as Summary;
}

describe("eviction racing with runs on one cache dir", () => {
  it("two Turbine runs and a relentless eviction: no run loses an entry it used while it lives", async () => {
    const { root, cacheDir } = await builtRepo();
    const warm = await turbine(root, ["run", "build"]);
    expect(warm.code, warm.stderr).toBe(0);
    // Entries of an older commit that no run uses, everything two hours old, and half of the
    // packages changed: each run hits eight entries, then executes eight tasks.
    const old = join(root, "old-cache");
    await writeCacheEntries(
      old,
      Array.from({ length: 8 }, (_, i) => ({ hash: `0ld${String(i)}`, bytes: 500, ageMs: 0 })),
    );
    for (const file of await cacheFiles(old)) await rename(join(old, file), join(cacheDir, file));
    await ageEntries(cacheDir, 2 * 3600_000);
    for (let i = PACKAGES / 2; i < PACKAGES; i++) {
      await writeFile(join(root, "packages", name(i), "changed.txt"), "x");
    }

    const log = join(root, "evictions.log");
    await writeFile(log, "");
    const control = await mkdtemp(join(root, "control-"));
    const evictor = spawn(process.execPath, [EVICT_LOOP, cacheDir, log, control], {
      stdio: "ignore",
    });
    const evicted = new Promise((r) => evictor.once("exit", r));
    await until(() => existsSync(join(control, "ready")));
    const env = { TURBO_CACHE_MAX_SIZE: "1" };
    const args = ["run", "build", "--summarize", "--concurrency=1"];
    const runs = [1, 2].map(() => startTurbine(root, args, env, "cache miss"));
    // The eviction starts once both runs have had their hits and begun executing.
    await Promise.all(runs.map((r) => r.sawText));
    await writeFile(join(control, "go"), "");
    const results = await Promise.all(runs.map((r) => r.result));
    await writeFile(join(control, "stop"), "");
    await evicted;

    for (const result of results) {
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/WARN|unusable|could not/i);
    }
    await expectOutputs(root);
    const text = await readFile(log, "utf8");
    await expectWholeEntries(cacheDir);
    expect(Number(/^rounds (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    const removals = [...text.matchAll(/^(\d+) (\S+)$/gm)].map((m) => ({
      ms: Number(m[1]),
      hash: m[2],
    }));
    let hits = 0;
    for (const summary of await Promise.all(results.map(summaryOf))) {
      // The run's tasks are over by then; its lease ends just after, when its own eviction has.
      const lastTaskEnd = Math.max(...summary.tasks.map((t) => t.execution.endTime));
      for (const task of summary.tasks) {
        if (task.cache.status !== "HIT" || task.cache.source !== "LOCAL") continue;
        hits++;
        const during = removals.filter(
          (r) => r.hash === task.hash && r.ms >= task.execution.startTime && r.ms <= lastTaskEnd,
        );
        expect(during, `${task.hash} evicted while a run that hit it was live`).toEqual([]);
      }
    }
    // Not vacuous: the runs hit, and the eviction removed the unused entries meanwhile.
    expect(hits).toBeGreaterThan(0);
    expect(removals.map((r) => r.hash)).toEqual(expect.arrayContaining(["0ld0", "0ld7"]));
  });

  it("a Turbine run, a turbo run and `turbine cache prune` at once: all succeed, entries stay whole", async () => {
    const { root, cacheDir } = await builtRepo();
    const warm = await runTurbo(root, ["run", "build"]);
    expect(warm.code, warm.stderr).toBe(0);
    await ageEntries(cacheDir, 2 * 3600_000);

    const env = { TURBO_CACHE_MAX_SIZE: "1" };
    const state = { pruning: true };
    const prunes = (async () => {
      let n = 0;
      while (state.pruning) {
        const prune = await turbine(root, ["cache", "prune"], env);
        expect([0, 1], prune.stderr).toContain(prune.code);
        n++;
      }
      return n;
    })();
    const [ours, theirs] = await Promise.all([
      turbine(root, ["run", "build", "--concurrency=2"]),
      runTurbo(root, ["run", "build", "--concurrency=2"]),
    ]);
    state.pruning = false;
    expect(await prunes).toBeGreaterThan(0);
    expect(ours.code, ours.stdout + ours.stderr).toBe(0);
    expect(theirs.code, theirs.stdout + theirs.stderr).toBe(0);
    expect(ours.stderr).not.toMatch(/WARN|error/i);
    expect(theirs.stdout + theirs.stderr).not.toMatch(/error|failed/i);
    await expectOutputs(root);
    await expectWholeEntries(cacheDir);
  });
});
