// A/B of Turbine builds (and turbo) on one scenario, to tell whether a change makes a difference
// larger than the machine's noise before it lands.
//
//   node bench/ab.mjs save <name>
//       keeps the current bundle (packages/cli/dist/bundle, from `pnpm build`) as build <name>
//       under bench/results/builds/
//   node bench/ab.mjs <repo> <cached|restore|dry|dry-all> <rounds> <build>...
//       runs the builds alternately on <repo> (e.g. a --workdir repo of run.mjs), one warm-up and
//       <rounds> measured runs each; a build is a saved <name>, `current` (the working build),
//       `current-no-records` (the working build with TURBINE_TASK_RECORDS=0) or `turbo`.
//       `dry-all` is the real-shaped repos' dry run of every task. Prints medians, each build's
//       ratio to the first, and the spread of the round-by-round ratios (see bench/README.md).
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

import { median, roundRatios } from "./lib/measure.mjs";
import { ALL_TASKS } from "./real/materialize.mjs";
import { realEnv } from "./real/prepare.mjs";
import {
  alternate,
  currentTurbine,
  currentTurbineNoRecords,
  deleteOutputs,
  root,
  turbineTool,
  turboTool,
} from "./lib/scenario.mjs";

const builds = path.join(root, "bench", "results", "builds");
const [first, ...rest] = process.argv.slice(2);

if (first === "save") {
  const name = rest[0];
  const reserved = ["current", "current-no-records", "turbo"];
  if (name === undefined || !/^[\w.-]+$/.test(name) || reserved.includes(name)) {
    fail("usage: node bench/ab.mjs save <name> (letters, digits, . _ -)");
  }
  const bundle = path.join(root, "packages", "cli", "dist", "bundle");
  if (!existsSync(path.join(bundle, "bin.js"))) fail(`no build at ${bundle}: pnpm build`);
  const dir = path.join(builds, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(bundle, path.join(dir, "bundle"), { recursive: true });
  // The bundle leaves a few parsers (yaml, @yarnpkg/lockfile) to be resolved at run time from
  // the CLI package's dependencies: the saved build finds them there too.
  symlinkSync(path.join(root, "packages", "cli", "node_modules"), path.join(dir, "node_modules"));
  // The same entry as packages/cli/bin/turbine.js (compile cache on), for the copied bundle.
  writeFileSync(
    path.join(dir, "turbine.mjs"),
    'import module from "node:module";\nmodule.enableCompileCache?.();\nawait import("./bundle/bin.js");\n',
  );
  console.log(`saved the current build as ${name} (${dir})`);
} else {
  const [scenario, roundsText, ...names] = rest;
  const rounds = Number(roundsText);
  const args = {
    cached: ["run", "build"],
    restore: ["run", "build"],
    dry: ["run", "build", "--dry=json"],
    "dry-all": ["run", ...ALL_TASKS, "--dry=json"],
  }[scenario ?? ""];
  if (first === undefined || args === undefined || !(rounds > 0) || names.length === 0) {
    fail("usage: node bench/ab.mjs <repo> <cached|restore|dry|dry-all> <rounds> <build>...");
  }
  const repo = path.resolve(first);
  const tools = new Map(names.map((name) => [name, toolFor(name)]));
  const samples = alternate(tools, repo, args, rounds, {
    // The real-shaped repos' environment (package manager shims first): turbo wants the package
    // manager's binary even when everything is cached; generated repos run the same either way.
    env: realEnv(),
    before: scenario === "restore" ? () => deleteOutputs(repo) : undefined,
    onResult: (name, result) => {
      if (result.status !== 0) {
        fail(`${name} exited ${String(result.status)}:\n${result.stderr.slice(-2000)}`);
      }
      if (!scenario.startsWith("dry") && !result.stdout.includes(">>> FULL TURBO")) {
        fail(`${name}: not a full cache hit`);
      }
    },
  });
  const base = samples.get(names[0]) ?? [];
  const baseSeconds = median(base.map((s) => s.seconds));
  const measuredRuns =
    rounds === 1 ? "2 runs each, no warm-up" : `${String(rounds)} rounds after a warm-up`;
  console.log(`\n${scenario} on ${repo}, medians of ${measuredRuns}\n`);
  console.log("| build | wall s | CPU s | ratio | round ratios p25-p75 | rounds <= 1.0 |");
  console.log("| --- | ---: | ---: | ---: | :---: | ---: |");
  for (const name of names) {
    const own = samples.get(name) ?? [];
    const seconds = median(own.map((s) => s.seconds));
    const spread = roundRatios(base, own);
    console.log(
      `| ${name} | ${seconds.toFixed(3)} | ${median(own.map((s) => s.cpuSeconds)).toFixed(2)} | ` +
        `${(seconds / baseSeconds).toFixed(3)} | ${spread.p25.toFixed(2)}-${spread.p75.toFixed(2)} | ` +
        `${String(spread.atMostOne)}/${String(spread.rounds)} |`,
    );
  }
}

function toolFor(name) {
  if (name === "turbo") return turboTool;
  if (name === "current") return currentTurbine;
  if (name === "current-no-records") return currentTurbineNoRecords;
  const script = path.join(builds, name, "turbine.mjs");
  if (!existsSync(script)) fail(`no saved build ${name}: node bench/ab.mjs save ${name}`);
  return turbineTool(script);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
