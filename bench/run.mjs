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
// runs the artifact and remote-cache benchmarks (bench/artifact, bench/remote-cache) unless
// --no-parts. With --workdir the generated repos (and their filled caches) are kept there and
// reused by later runs, which skips the ten-minute cold fill of the 1,000-package repo.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";

import { generateRepo } from "./lib/generate.mjs";
import { median, roundRatios } from "./lib/measure.mjs";
import {
  alternate,
  benchEnv,
  currentTurbine,
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

const tools = new Map([
  ["turbo", turboTool],
  ["turbine", currentTurbine],
]);

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
  const samples = { turbo: measured.get("turbo"), turbine: measured.get("turbine") };
  const stat = (tool) => ({
    seconds: median(samples[tool].map((s) => s.seconds)),
    cpuSeconds: median(samples[tool].map((s) => s.cpuSeconds)),
    rssMb: Math.max(...samples[tool].map((s) => s.rssMb)),
  });
  return {
    turbo: stat("turbo"),
    turbine: stat("turbine"),
    ratios: roundRatios(samples.turbo, samples.turbine),
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

for (const size of sizes) {
  const repo = prepareRepo(size);
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
console.log(`\n## Turbine vs turbo 2.11.13\n`);
console.log(
  `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `medians of ${rounds} rounds after a warm-up (cold: ${coldRounds}); RSS is the peak over the rounds; ` +
    `load is the 1-minute load average when the scenario started.\n`,
);
console.log(
  "| packages | scenario | turbo s | turbine s | ratio | round ratios p25-p75 | rounds <= 1.0 | " +
    "turbo CPU s | turbine CPU s | turbo RSS MB | turbine RSS MB | load | notes |",
);
console.log(
  "| ---: | --- | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
);
for (const [size, name, r] of rows) {
  console.log(
    `| ${size} | ${name} | ${fmt(r.turbo.seconds, 3)} | ${fmt(r.turbine.seconds, 3)} | ` +
      `${fmt(r.turbine.seconds / r.turbo.seconds)} | ` +
      `${fmt(r.ratios.p25)}-${fmt(r.ratios.p75)} | ${String(r.ratios.atMostOne)}/${String(r.ratios.rounds)} | ` +
      `${fmt(r.turbo.cpuSeconds)} | ` +
      `${fmt(r.turbine.cpuSeconds)} | ${fmt(r.turbo.rssMb, 0)} | ${fmt(r.turbine.rssMb, 0)} | ` +
      `${fmt(r.load, 1)} | ${r.notes.join("; ")} |`,
  );
}

if (options["no-parts"] === undefined) {
  for (const part of ["artifact", "remote-cache", "hasher", "large"]) {
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
