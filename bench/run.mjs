// The side-by-side benchmark: Turbine against turbo 2.11.13 on generated monorepos.
//
//   pnpm bench [--sizes=200,1000] [--rounds=5] [--cold-sizes=200] [--cold-rounds=1] [--no-parts]
//              [--workdir=<dir>]
//
// For each size it generates an npm-workspaces repo (50 files a package, 3 dependency edges a
// package), fills the shared local cache with one cold turbo run, then runs the two tools
// alternately, one warm-up and `rounds` measured runs each, in these scenarios:
//   cached    `run build` with every output present (FULL TURBO)
//   restore   `run build` after deleting every output (the restore path)
//   dry       `run build --dry=json` (hashing only)
//   cold      `run build --force` (scheduler and process overhead; every task runs)
// plus `--version` (start-up alone), and prints a markdown table of medians (wall time, and CPU
// time of the whole process tree, which moves less than wall time on a shared machine),
// Turbine/turbo ratios, peak RSS and the load average when each scenario started. Then it
// runs the part benchmarks (bench/cold, bench/artifact, bench/remote-cache, bench/hasher,
// bench/large) unless --no-parts. With --workdir the generated repos (and their filled caches) are kept there and
// reused by later runs, which skips the ten-minute cold fill of the 1,000-package repo.
//
// With --records it measures the cost of Turbine's task records instead: Turbine with records
// off (TURBINE_TASK_RECORDS=0) against Turbine with records on, fully cached, restoring, and
// fully cached with the record store emptied before each run (every record written), then
// prints the size of the store each repo ends with.
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
} from "./lib/scenario.mjs";

const options = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=");
    return [key, value ?? "true"];
  }),
);
const sizes = (options.sizes ?? "200,1000").split(",").map(Number);
const coldSizes = (options["cold-sizes"] ?? "200").split(",").map(Number);
const rounds = Number(options.rounds ?? 5);
const coldRounds = Number(options["cold-rounds"] ?? 1);
const workdir = options.workdir === undefined ? undefined : path.resolve(options.workdir);

const records = options.records !== undefined;
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

/** Runs both tools alternately: a warm-up each, then `n` measured rounds each. */
function scenario(repo, args, n, { before, check } = {}) {
  const load = loadavg()[0];
  const notes = new Set();
  const measured = alternate(tools, repo, args, n, {
    before,
    onResult: (tool, result) => {
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

const rows = [];
const fullTurbo = (result) =>
  result.stdout.includes(">>> FULL TURBO") ? undefined : "not a full cache hit";
const dryJson = (size) => (result) => {
  try {
    const tasks = JSON.parse(result.stdout).tasks;
    return tasks.length === size ? undefined : `dry run listed ${tasks.length} tasks`;
  } catch {
    return "no dry-run JSON";
  }
};
/** A generated repo with a full cache: fresh in the temp dir, or kept (and reused) in --workdir. */
function prepareRepo(size) {
  const kept = workdir === undefined ? undefined : path.join(workdir, `bench-${size}`);
  if (kept !== undefined && existsSync(path.join(kept, ".turbo", "cache"))) {
    process.stderr.write(`reusing ${kept} (delete it to regenerate)\n`);
    return realpathSync(kept);
  }
  if (kept !== undefined) rmSync(kept, { recursive: true, force: true });
  if (kept !== undefined) mkdirSync(kept, { recursive: true });
  const repo = realpathSync(kept ?? mkdtempSync(path.join(tmpdir(), `turbine-bench-${size}-`)));
  process.stderr.write(`generating ${size} packages in ${repo}\n`);
  generateRepo(repo, { packages: size });
  process.stderr.write(`filling the cache with a cold turbo run (${size} tasks)\n`);
  const fill = runTool(turboTool, repo, ["run", "build"]);
  if (fill.status !== 0) throw new Error(`turbo's cold run failed:\n${fill.stderr}`);
  return repo;
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

const stores = [];
for (const size of sizes) {
  const repo = prepareRepo(size);
  if (records) {
    try {
      const cached = ["run", "build"];
      process.stderr.write("measuring: cached\n");
      rows.push([size, "fully cached", scenario(repo, cached, rounds, { check: fullTurbo })]);
      process.stderr.write("measuring: restore\n");
      rows.push([
        size,
        "cached, outputs deleted",
        scenario(repo, cached, rounds, { before: () => deleteOutputs(repo), check: fullTurbo }),
      ]);
      process.stderr.write("measuring: cached, empty store\n");
      const emptyStore = () =>
        rmSync(path.join(repo, ".turbo", "turbine"), { recursive: true, force: true });
      rows.push([
        size,
        "fully cached, store emptied",
        scenario(repo, cached, rounds, { before: emptyStore, check: fullTurbo }),
      ]);
      runTool(currentTurbine, repo, cached);
      stores.push([size, storeSize(repo)]);
    } finally {
      if (workdir === undefined) rmSync(repo, { recursive: true, force: true });
    }
    continue;
  }
  try {
    process.stderr.write("measuring: start-up (--version)\n");
    rows.push([size, "start-up (--version)", scenario(repo, ["--version"], rounds)]);
    process.stderr.write("measuring: cached\n");
    rows.push([
      size,
      "fully cached",
      scenario(repo, ["run", "build"], rounds, { check: fullTurbo }),
    ]);
    process.stderr.write("measuring: restore\n");
    rows.push([
      size,
      "cached, outputs deleted",
      scenario(repo, ["run", "build"], rounds, {
        before: () => deleteOutputs(repo),
        check: fullTurbo,
      }),
    ]);
    process.stderr.write("measuring: dry\n");
    rows.push([
      size,
      "--dry=json",
      scenario(repo, ["run", "build", "--dry=json"], rounds, { check: dryJson(size) }),
    ]);
    if (coldSizes.includes(size)) {
      process.stderr.write("measuring: cold\n");
      rows.push([size, "cold (--force)", scenario(repo, ["run", "build", "--force"], coldRounds)]);
    }
  } finally {
    if (workdir === undefined) rmSync(repo, { recursive: true, force: true });
  }
}

const fmt = (n, digits = 2) => n.toFixed(digits);
const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(records ? "\n## Turbine: task records on vs off\n" : "\n## Turbine vs turbo 2.11.13\n");
console.log(
  `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `medians of ${rounds} rounds after a warm-up (cold: ${coldRounds}); RSS is the peak over the rounds; ` +
    `load is the 1-minute load average when the scenario started.\n`,
);
console.log(
  `| packages | scenario | ${baseName} s | ${ownName} s | ratio | round ratios p25-p75 | rounds <= 1.0 | ` +
    `${baseName} CPU s | ${ownName} CPU s | ${baseName} RSS MB | ${ownName} RSS MB | load | notes |`,
);
console.log(
  "| ---: | --- | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
);
for (const [size, name, r] of rows) {
  console.log(
    `| ${size} | ${name} | ${fmt(r.base.seconds, 3)} | ${fmt(r.own.seconds, 3)} | ` +
      `${fmt(r.own.seconds / r.base.seconds)} | ` +
      `${fmt(r.ratios.p25)}-${fmt(r.ratios.p75)} | ${String(r.ratios.atMostOne)}/${String(r.ratios.rounds)} | ` +
      `${fmt(r.base.cpuSeconds)} | ` +
      `${fmt(r.own.cpuSeconds)} | ${fmt(r.base.rssMb, 0)} | ${fmt(r.own.rssMb, 0)} | ` +
      `${fmt(r.load, 1)} | ${r.notes.join("; ")} |`,
  );
}

if (stores.length > 0) {
  console.log("\n| packages (one task each) | record store files | record store MB | on disk MB |");
  console.log("| ---: | ---: | ---: | ---: |");
  for (const [size, store] of stores) {
    const mb = (bytes) => fmt(bytes / 2 ** 20);
    console.log(`| ${size} | ${store.files} | ${mb(store.bytes)} | ${mb(store.disk)} |`);
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
