// Local cache eviction: Turbine against turbo 2.11.13 on a cache of 10,000 entries past its size
// budget, next to a generated monorepo's own entries.
//
//   node bench/eviction/run.mjs [--packages=200] [--entries=10000] [--rounds=5] [--workdir=<dir>]
//
// Two questions, one table:
//   1. What eviction costs a fully cached run when it has nothing to remove (10,000 entries within
//      the budget): each tool with eviction off (TURBO_CACHE_MAX_AGE=0, TURBO_CACHE_MAX_SIZE=0)
//      and on (a size limit above the cache), alternately; the ratio on/off is the overhead on
//      the run's wall time. turbo scans the directory on every run; Turbine only when something
//      may be due (a fully cached run: when the last scan's verdict is a day old), so it also
//      gets a row with that verdict deleted before each run: the run that scans.
//   2. How long evicting half of the 10,000 entries takes (LRU down to half the bytes). Turbine:
//      `turbine cache prune`, and a fully cached `turbine run build` doing it after its tasks (the
//      -v line says how long the run waited). turbo: a fully cached `turbo run build` with the
//      same limit, the cache dir watched until the removals stop; turbo evicts on a thread its
//      process does not wait for, so the table also says how many entries it removed before it
//      exited.
// The synthetic entries are sparse files (apparent sizes 1KB-1MB, log-uniform) with mtimes over
// the past 60 days: eviction reads sizes and mtimes, never contents.
import { spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

import { generateRepo, prng } from "../lib/generate.mjs";
import { median, roundRatios } from "../lib/measure.mjs";
import { alternate, benchEnv, currentTurbine, runTool, turboTool } from "../lib/scenario.mjs";
import { benchOptions } from "../lib/options.mjs";

const options = benchOptions();
const packages = Number(options.packages ?? 200);
const entries = Number(options.entries ?? 10_000);
const rounds = Number(options.rounds ?? 5);
const workdir = options.workdir === undefined ? undefined : path.resolve(options.workdir);

function prepareRepo() {
  const kept = workdir === undefined ? undefined : path.join(workdir, `evict-${packages}`);
  if (kept !== undefined && existsSync(path.join(kept, ".turbo", "cache")))
    return realpathSync(kept);
  if (kept !== undefined) mkdirSync(kept, { recursive: true });
  const repo = realpathSync(kept ?? mkdtempSync(path.join(tmpdir(), "turbine-evict-bench-")));
  process.stderr.write(
    `generating ${packages} packages in ${repo}, filling the cache with turbo\n`,
  );
  generateRepo(repo, { packages });
  const fill = runTool(turboTool, repo, ["run", "build"]);
  if (fill.status !== 0) throw new Error(`turbo's cold run failed:\n${fill.stderr}`);
  return repo;
}

/** Replaces the synthetic entries (the run's real ones stay); returns the cache's total bytes. */
function seedSynthetic(cacheDir) {
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith("5e")) rmSync(path.join(cacheDir, name), { force: true });
  }
  rmSync(path.join(cacheDir, ".turbine"), { recursive: true, force: true });
  const random = prng(7); // the same synthetic entries every round
  const now = Date.now();
  for (let i = 0; i < entries; i++) {
    const hash = `5e${i.toString(16).padStart(14, "0")}`;
    const when = new Date(now - (1 + random() * 59) * 86_400_000);
    const artifact = path.join(cacheDir, `${hash}.tar.zst`);
    const fd = openSync(artifact, "w");
    ftruncateSync(fd, Math.round(1024 * 1024 ** random()));
    closeSync(fd);
    const meta = path.join(cacheDir, `${hash}-meta.json`);
    writeFileSync(meta, JSON.stringify({ hash, duration: 100 }));
    utimesSync(artifact, when, when);
    utimesSync(meta, when, when);
  }
  let total = 0;
  for (const name of readdirSync(cacheDir)) {
    if (/(\.tar\.zst|-meta\.json|-manifest\.json)$/.test(name)) {
      total += statSync(path.join(cacheDir, name)).size;
    }
  }
  return total;
}

const artifactsIn = (cacheDir) =>
  readdirSync(cacheDir).filter((n) => n.endsWith(".tar.zst")).length;

/** Alternates the four (tool, eviction) pairs on fully cached runs; medians and ratios. */
function steadyState(repo, total) {
  const off = { TURBO_CACHE_MAX_AGE: "0", TURBO_CACHE_MAX_SIZE: "0" };
  const on = { TURBO_CACHE_MAX_SIZE: String(total * 2) };
  const tools = new Map([
    ["turbo off", { ...turboTool, env: off }],
    ["turbo on", { ...turboTool, env: on }],
    ["turbine off", { ...currentTurbine, env: off }],
    ["turbine on", { ...currentTurbine, env: on }],
  ]);
  const load = loadavg()[0];
  return { samples: alternate(tools, repo, ["run", "build"], rounds), load };
}

/** turbo with a size limit: the cache dir watched until its removals stop. */
async function turboEviction(repo, cacheDir, limit) {
  const before = artifactsIn(cacheDir);
  const started = performance.now();
  const child = spawn(turboTool.command, ["run", "build"], {
    cwd: repo,
    env: { ...benchEnv, TURBO_CACHE_MAX_SIZE: String(limit) },
    stdio: "ignore",
  });
  let exitedAt;
  child.once("exit", () => (exitedAt = performance.now()));
  let count = before;
  let lastChange = started;
  while (exitedAt === undefined || performance.now() - exitedAt < 500) {
    await sleep(10);
    const now = artifactsIn(cacheDir);
    if (now !== count) {
      count = now;
      lastChange = performance.now();
    }
  }
  return {
    runSeconds: (exitedAt - started) / 1000,
    evictSeconds: (lastChange - started) / 1000,
    removed: before - count,
  };
}

function turbinePrune(repo, limit) {
  const tool = { ...currentTurbine, env: { TURBO_CACHE_MAX_SIZE: String(limit) } };
  const result = runTool(tool, repo, ["cache", "prune"]);
  const removed = Number(/^Removed ([\d,]+) entr/m.exec(result.stdout)?.[1].replace(/,/g, "") ?? 0);
  return { seconds: result.seconds, removed };
}

function turbineInRun(repo, limit) {
  const tool = { ...currentTurbine, env: { TURBO_CACHE_MAX_SIZE: String(limit) } };
  const result = runTool(tool, repo, ["run", "build", "-v"]);
  const line = /^cache eviction: .*$/m.exec(result.stderr)?.[0] ?? "";
  return {
    seconds: result.seconds,
    removed: Number(/removed (\d+) entries/.exec(line)?.[1] ?? 0),
    waitMs: Number(/([\d.]+)ms after the last task/.exec(line)?.[1] ?? Number.NaN),
    scanMs: Number(/scan ([\d.]+)ms/.exec(line)?.[1] ?? Number.NaN),
  };
}

const repo = prepareRepo();
const cacheDir = path.join(repo, ".turbo", "cache");
try {
  const fmt = (n, d = 3) => (Number.isFinite(n) ? n.toFixed(d) : "-");
  process.stderr.write(`seeding ${entries} synthetic entries\n`);
  const total = seedSynthetic(cacheDir);
  process.stderr.write("measuring: fully cached runs, eviction off and on\n");
  const { samples, load } = steadyState(repo, total);
  const med = (name) => median(samples.get(name).map((s) => s.seconds));
  process.stderr.write("measuring: fully cached runs that scan\n");
  const scanning = { ...currentTurbine, env: { TURBO_CACHE_MAX_SIZE: String(total * 2) } };
  const verdict = path.join(cacheDir, ".turbine", "state.json");
  samples.set(
    "turbine scans",
    alternate(new Map([["turbine scans", scanning]]), repo, ["run", "build"], rounds, {
      before: () => rmSync(verdict, { force: true }),
    }).get("turbine scans"),
  );

  const limit = Math.floor(total / 2);
  const evictions = { turbo: [], prune: [], inRun: [] };
  for (let round = 0; round < rounds; round++) {
    process.stderr.write(`measuring: evicting half of ${entries} entries, round ${round + 1}\n`);
    seedSynthetic(cacheDir);
    evictions.turbo.push(await turboEviction(repo, cacheDir, limit));
    seedSynthetic(cacheDir);
    evictions.prune.push(turbinePrune(repo, limit));
    seedSynthetic(cacheDir);
    evictions.inRun.push(turbineInRun(repo, limit));
  }
  seedSynthetic(cacheDir);
  const m = (list, key) => median(list.map((x) => x[key]));

  console.log(
    `\n## Local cache eviction: ${entries.toLocaleString("en-US")} entries, ${packages} packages\n`,
  );
  console.log(
    `${cpus().length} cores, Node ${process.version}; cache ${(total / 2 ** 30).toFixed(2)}GB apparent; ` +
      `medians of ${rounds} rounds; load ${load.toFixed(1)} at the start.\n`,
  );
  console.log("| fully cached `run build` | turbo s | turbine s | turbine/turbo |");
  console.log("| --- | ---: | ---: | ---: |");
  console.log(
    `| eviction off | ${fmt(med("turbo off"))} | ${fmt(med("turbine off"))} | ${fmt(med("turbine off") / med("turbo off"), 2)} |`,
  );
  console.log(
    `| eviction on, nothing to remove | ${fmt(med("turbo on"))} | ${fmt(med("turbine on"))} | ${fmt(med("turbine on") / med("turbo on"), 2)} |`,
  );
  const spread = (on, off) => {
    const r = roundRatios(samples.get(off), samples.get(on));
    return `${fmt(med(on) / med(off), 3)} (rounds ${fmt(r.p25, 3)}-${fmt(r.p75, 3)})`;
  };
  console.log(
    `| overhead on/off | ${spread("turbo on", "turbo off")} | ${spread("turbine on", "turbine off")} | |`,
  );
  console.log(
    `| eviction on, a run that scans (Turbine, fully cached: at most daily) | ${fmt(med("turbo on"))} | ` +
      `${fmt(med("turbine scans"))} | ${fmt(med("turbine scans") / med("turbo on"), 2)} |`,
  );
  console.log(`| overhead of that run, on/off | | ${spread("turbine scans", "turbine off")} | |`);
  console.log("\n| evicting half the bytes (LRU) | s | entries removed |");
  console.log("| --- | ---: | ---: |");
  console.log(
    `| turbo, until its removals stopped (run took ${fmt(m(evictions.turbo, "runSeconds"))}s) | ` +
      `${fmt(m(evictions.turbo, "evictSeconds"))} | ${m(evictions.turbo, "removed")} |`,
  );
  console.log(
    `| turbine cache prune (whole command) | ${fmt(m(evictions.prune, "seconds"))} | ${m(evictions.prune, "removed")} |`,
  );
  console.log(
    `| turbine run build: wait after the last task, at most a tenth of the run (scan ${fmt(m(evictions.inRun, "scanMs") / 1000)}s on a worker) | ` +
      `${fmt(m(evictions.inRun, "waitMs") / 1000)} | ${m(evictions.inRun, "removed")} |`,
  );
} finally {
  if (workdir === undefined) rmSync(repo, { recursive: true, force: true });
}
