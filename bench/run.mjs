// The side-by-side benchmark: Turbine against turbo 2.11.13 on real-shaped and generated monorepos.
//
//   pnpm bench [--real=npm,pnpm,yarn,berry,bun] [--sizes=200,1000] [--rounds=5] [--cold-sizes=200]
//              [--cold-rounds=1] [--no-parts] [--records] [--workdir=<dir>]
//
// Real-shaped repos (bench/real): one per package manager, 40-250 workspaces whose dependencies
// are popular real sets, lockfiles of 0.7-1.5 MB written by the real package manager, a
// product-like turbo.json (five tasks, inputs with $TURBO_DEFAULT$ and negations, env, outputs)
// and tens of source files a package. Generated repos (bench/lib/generate.mjs): npm workspaces,
// 50 files a package, 3 dependency edges a package, a lockfile of a few entries. Each repo's local
// cache is filled with one cold turbo run, then the two tools run alternately, one warm-up and
// `rounds` measured runs each, in these scenarios:
//   start-up  `--version`
//   dry       `run <every task> --dry=json` (real) or `run build --dry=json` (generated): hashing
//             only; the task hashes of the two tools are compared
//   cached    `run build` with every output present (FULL TURBO)
//   restore   `run build` after deleting every output (the restore path)
//   cold      `run build --force` (generated, --cold-sizes only: scheduler and process overhead)
// It prints a markdown table of medians (wall time, and CPU time of the whole process tree, which
// moves less than wall time on a shared machine), Turbine/turbo ratios and their round-by-round
// spread, peak RSS and the load average when each scenario started. Then it runs the part
// benchmarks (bench/cold, bench/artifact, bench/remote-cache, bench/hasher, bench/large) unless
// --no-parts. `--real=` or `--sizes=` (empty) skips that family. With --workdir the repos (and
// their filled caches) are kept there and reused by later runs, which skips the cold fills (ten
// minutes for the 1,000-package repo).
//
// With --records it measures the cost of Turbine's task records instead, on the generated repos:
// Turbine with records off (TURBINE_TASK_RECORDS=0) against Turbine with records on, fully
// cached, restoring, and fully cached with the record store emptied before each run (every
// record written), then prints the size of the store each repo ends with.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";

import { generateRepo } from "./lib/generate.mjs";
import { median, roundRatios } from "./lib/measure.mjs";
import {
  alternate,
  benchEnv,
  currentTurbine,
  currentTurbineNoRecords,
  deleteOutputs,
  root,
  runTool,
  turboTool,
  turboVersion,
} from "./lib/scenario.mjs";
import { ALL_TASKS } from "./real/materialize.mjs";
import { prepareRealRepo, realEnv } from "./real/prepare.mjs";
import { REPOS } from "./real/spec.mjs";
import { benchOptions } from "./lib/options.mjs";

const options = benchOptions();
const list = (value, fallback) => (value ?? fallback).split(",").filter((item) => item !== "");
const records = options.records !== undefined;
// The task records' cost is measured on the generated repos only.
const real = records ? [] : list(options.real, REPOS.map((r) => r.name).join(","));
const sizes = list(options.sizes, "200,1000").map(Number);
const coldSizes = list(options["cold-sizes"], "200").map(Number);
const rounds = Number(options.rounds ?? 5);
const coldRounds = Number(options["cold-rounds"] ?? 1);
const workdir = options.workdir === undefined ? undefined : path.resolve(options.workdir);

const tools = new Map(
  records
    ? [
        ["records off", currentTurbineNoRecords],
        ["records on", currentTurbine],
      ]
    : [
        ["turbo", turboTool],
        ["turbine", currentTurbine],
      ],
);
/** The reference tool and the measured one, in the table's order. */
const [baseName, ownName] = tools.keys();

/**
 * Runs both tools alternately: a warm-up each, then `n` measured rounds each. `check(result)`
 * names a problem with one run; `compare(turbo, turbine)` one between the two tools' warm-ups.
 */
function scenario(repo, args, n, { before, check, compare, env } = {}) {
  const load = loadavg()[0];
  const notes = new Set();
  const first = new Map();
  const measured = alternate(tools, repo, args, n, {
    before,
    env,
    onResult: (tool, result) => {
      if (!first.has(tool)) first.set(tool, result);
      if (result.status !== 0) {
        notes.add(
          `${tool} exited ${result.status}: ${result.stderr.trim().split("\n").slice(-3).join(" / ")}`,
        );
      } else {
        const problem = check?.(result);
        if (problem) notes.add(`${tool}: ${problem}`);
      }
    },
  });
  const problem = compare?.(first.get(baseName), first.get(ownName));
  if (problem) notes.add(problem);
  const stat = (samples) => ({
    seconds: median(samples.map((s) => s.seconds)),
    cpuSeconds: median(samples.map((s) => s.cpuSeconds)),
    rssMb: Math.max(...samples.map((s) => s.rssMb)),
  });
  return {
    base: stat(measured.get(baseName)),
    own: stat(measured.get(ownName)),
    ratios: roundRatios(measured.get(baseName), measured.get(ownName)),
    notes: [...notes],
    load,
  };
}

const fullTurbo = (result) =>
  result.stdout.includes(">>> FULL TURBO") ? undefined : "not a full cache hit";
const dryTasks = (result) => {
  try {
    return JSON.parse(result.stdout).tasks;
  } catch {
    return undefined;
  }
};
const dryJson = (count) => (result) => {
  const tasks = dryTasks(result);
  if (tasks === undefined) return "no dry-run JSON";
  return tasks.length === count ? undefined : `dry run listed ${tasks.length} tasks`;
};
/** Whether both dry runs hashed every task alike (the point of the comparison). */
const sameHashes = (turbo, turbine) => {
  const theirs = turbo === undefined ? undefined : dryTasks(turbo);
  const ours = turbine === undefined ? undefined : dryTasks(turbine);
  if (theirs === undefined || ours === undefined) return undefined;
  const hashes = new Map(theirs.map((t) => [t.taskId, t.hash]));
  const differ = ours.filter((t) => hashes.get(t.taskId) !== t.hash).length;
  return differ === 0 ? undefined : `task hashes differ from turbo's: ${differ}/${ours.length}`;
};

/** A generated repo with a full cache: fresh in the temp dir, or kept (and reused) in --workdir. */
function prepareGeneratedRepo(size) {
  const kept = workdir === undefined ? undefined : path.join(workdir, `bench-${size}`);
  if (kept !== undefined && existsSync(path.join(kept, ".turbo", "cache"))) {
    process.stderr.write(`reusing ${kept} (delete it to regenerate)\n`);
    return { root: realpathSync(kept), cleanup: () => undefined };
  }
  if (kept !== undefined) rmSync(kept, { recursive: true, force: true });
  if (kept !== undefined) mkdirSync(kept, { recursive: true });
  const repo = realpathSync(kept ?? mkdtempSync(path.join(tmpdir(), `turbine-bench-${size}-`)));
  process.stderr.write(`generating ${size} packages in ${repo}\n`);
  generateRepo(repo, { packages: size });
  process.stderr.write(`filling the cache with a cold turbo run (${size} tasks)\n`);
  const fill = runTool(turboTool, repo, ["run", "build"]);
  if (fill.status !== 0) throw new Error(`turbo's cold run failed:\n${fill.stderr}`);
  const cleanup = () => {
    if (workdir === undefined) rmSync(repo, { recursive: true, force: true });
  };
  return { root: repo, cleanup };
}

/** The record store's files, bytes and bytes on disk (whole blocks) in `repo`. */
function storeSize(repo) {
  let files = 0;
  let bytes = 0;
  let disk = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = statSync(full);
        files++;
        bytes += stat.size;
        disk += stat.blocks * 512;
      }
    }
  };
  const dir = path.join(repo, ".turbo", "turbine", "records");
  if (existsSync(dir)) walk(dir);
  return { files, bytes, disk };
}

/** --records: task records on against off, and the size of the store they leave. */
function measureRecords(label, repo) {
  const rows = [];
  const cached = ["run", "build"];
  process.stderr.write(`measuring ${label}: cached\n`);
  rows.push([label, "fully cached", scenario(repo, cached, rounds, { check: fullTurbo })]);
  process.stderr.write(`measuring ${label}: restore\n`);
  rows.push([
    label,
    "cached, outputs deleted",
    scenario(repo, cached, rounds, { before: () => deleteOutputs(repo), check: fullTurbo }),
  ]);
  process.stderr.write(`measuring ${label}: cached, empty store\n`);
  // Only the record store: the closure store beside it is not what is measured.
  const emptyStore = () =>
    rmSync(path.join(repo, ".turbo", "turbine", "records"), { recursive: true, force: true });
  rows.push([
    label,
    "fully cached, store emptied",
    scenario(repo, cached, rounds, { before: emptyStore, check: fullTurbo }),
  ]);
  runTool(currentTurbine, repo, cached);
  stores.push([label, storeSize(repo)]);
  return rows;
}

/** The scenarios every repo gets; `dryArgs` and `tasks` say what its dry run covers. */
function measureRepo(label, repo, { dryArgs, tasks, cold, env }) {
  const rows = [];
  const add = (name, args, extra) => {
    process.stderr.write(`measuring ${label}: ${name}\n`);
    rows.push([label, name, scenario(repo, args, rounds, { ...extra, env })]);
  };
  add("start-up (`--version`)", ["--version"]);
  add("`--dry=json`", dryArgs, { check: dryJson(tasks), compare: sameHashes });
  add("fully cached", ["run", "build"], { check: fullTurbo });
  add("cached, outputs deleted", ["run", "build"], {
    before: () => deleteOutputs(repo),
    check: fullTurbo,
  });
  if (cold) {
    process.stderr.write(`measuring ${label}: cold\n`);
    rows.push([label, "cold (`--force`)", scenario(repo, ["run", "build", "--force"], coldRounds)]);
  }
  return rows;
}

const version = turboVersion();
const rows = [];
const stores = [];
for (const name of real) {
  const prepared = prepareRealRepo(name, workdir);
  try {
    rows.push(
      ...measureRepo(prepared.label, prepared.root, {
        dryArgs: ["run", ...ALL_TASKS, "--dry=json"],
        tasks: prepared.tasks,
        env: realEnv(),
      }),
    );
  } finally {
    prepared.cleanup();
  }
}
for (const size of sizes) {
  const prepared = prepareGeneratedRepo(size);
  const label = `generated npm: ${size} packages`;
  try {
    rows.push(
      ...(records
        ? measureRecords(label, prepared.root)
        : measureRepo(label, prepared.root, {
            dryArgs: ["run", "build", "--dry=json"],
            tasks: size,
            cold: coldSizes.includes(size),
          })),
    );
  } finally {
    prepared.cleanup();
  }
}

const fmt = (n, digits = 2) => n.toFixed(digits);
const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(
  records ? "\n## Turbine: task records on vs off\n" : `\n## Turbine vs turbo ${version}\n`,
);
console.log(
  `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `medians of ${rounds} rounds after a warm-up (cold: ${coldRounds}); RSS is the peak over the rounds; ` +
    `load is the 1-minute load average when the scenario started.\n`,
);
console.log(
  `| repo | scenario | ${baseName} s | ${ownName} s | ratio | round ratios p25-p75 | rounds <= 1.0 | ` +
    `${baseName} CPU s | ${ownName} CPU s | ${baseName} RSS MB | ${ownName} RSS MB | load | notes |`,
);
console.log(
  "| --- | --- | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
);
for (const [label, name, r] of rows) {
  console.log(
    `| ${label} | ${name} | ${fmt(r.base.seconds, 3)} | ${fmt(r.own.seconds, 3)} | ` +
      `${fmt(r.own.seconds / r.base.seconds)} | ` +
      `${fmt(r.ratios.p25)}-${fmt(r.ratios.p75)} | ${String(r.ratios.atMostOne)}/${String(r.ratios.rounds)} | ` +
      `${fmt(r.base.cpuSeconds)} | ` +
      `${fmt(r.own.cpuSeconds)} | ${fmt(r.base.rssMb, 0)} | ${fmt(r.own.rssMb, 0)} | ` +
      `${fmt(r.load, 1)} | ${r.notes.join("; ")} |`,
  );
}

if (stores.length > 0) {
  console.log(
    "\n| repo (one task a package) | record store files | record store MB | on disk MB |",
  );
  console.log("| --- | ---: | ---: | ---: |");
  for (const [label, store] of stores) {
    const mb = (bytes) => fmt(bytes / 2 ** 20);
    console.log(`| ${label} | ${store.files} | ${mb(store.bytes)} | ${mb(store.disk)} |`);
  }
}

if (options["no-parts"] === undefined && !records) {
  for (const part of ["cold", "artifact", "remote-cache", "hasher", "large"]) {
    const script = ["run.mjs", "run.ts"]
      .map((name) => path.join(root, "bench", part, name))
      .find((file) => existsSync(file));
    if (script === undefined) continue;
    console.log(`\n## ${part}\n`);
    execFileSync(process.execPath, [script], {
      stdio: "inherit",
      env: { ...process.env, ...benchEnv },
    });
  }
}
